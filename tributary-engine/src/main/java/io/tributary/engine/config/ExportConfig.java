package io.tributary.engine.config;

import java.nio.file.Path;

/**
 * A file written from one stream's table after every run in which that stream succeeded.
 *
 * @param stream the stream whose table is exported
 * @param format csv, json or parquet
 * @param path where the file goes, resolved against the pipeline file's directory
 */
public record ExportConfig(String stream, String format, Path path) {}
