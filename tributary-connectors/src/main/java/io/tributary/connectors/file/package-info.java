/**
 * The {@code file} connector ({@link io.tributary.connectors.file.FileConnectorProvider}): JSON
 * Lines, JSON documents and CSV from local files, with per-file resumable state. Everything but the
 * provider is package-private.
 */
package io.tributary.connectors.file;
