package io.tributary.engine.config;

import java.util.List;

/**
 * One entry of {@code source.streams}: a stream name, optionally overriding its primary key or
 * cursor field. Written in YAML as a plain name or as {@code {name, primary_key, cursor_field}}.
 *
 * @param name the stream's name
 * @param primaryKey overrides the discovered primary key when not empty
 * @param cursorField overrides the discovered cursor field when not {@code null}
 */
public record StreamSelection(String name, List<String> primaryKey, String cursorField) {
  public StreamSelection {
    primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
  }

  public static StreamSelection named(String name) {
    return new StreamSelection(name, List.of(), null);
  }
}
