/**
 * Declarative HTTP connectors. {@link io.tributary.http.ManifestCatalog} (registered as an {@link
 * io.tributary.spi.ConnectorCatalog}) turns every YAML manifest — built-in ones from this jar and a
 * project's own from its {@code connectors/} folder — into a connector of kind {@code manifest},
 * run by one generic, polite and resilient HTTP engine. The manifest format is described in {@code
 * docs/connectors/manifest.md}; everything else lives in {@code io.tributary.http.internal}.
 */
package io.tributary.http;
