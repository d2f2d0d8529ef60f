/**
 * The manifest format: its declaration ({@link
 * io.tributary.http.internal.manifest.ManifestShapes}), YAML reading with locations, validation
 * reporting every problem with file and line, binding to the immutable {@link
 * io.tributary.http.internal.manifest.Manifest}, and the generated JSON Schema.
 */
package io.tributary.http.internal.manifest;
