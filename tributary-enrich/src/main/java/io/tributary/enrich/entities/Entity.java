package io.tributary.enrich.entities;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entity found in a text.
 *
 * @param text the entity as written
 * @param type one of {@link EntityExtractor#TYPES}
 * @param start offset of the first character, counted in Unicode code points from 0
 * @param end offset after the last character (exclusive), in code points
 */
public record Entity(String text, String type, int start, int end) {

  /** The record field shape: {@code {text, type, start, end}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", text);
    m.put("type", type);
    m.put("start", (long) start);
    m.put("end", (long) end);
    return m;
  }
}
