package io.tributary.http.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds JSON bodies of synthetic items for engine tests (not recorded data). */
public final class Pages {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Pages() {}

  /** Items with ids {@code from..to-1}, each {@code {"id": n, "name": "item-n"}}. */
  public static List<Map<String, Object>> items(int from, int to) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", i);
      m.put("name", "item-" + i);
      out.add(m);
    }
    return out;
  }

  public static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"data": items, ...extra}}. */
  public static String data(List<?> items, Object... extra) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", items);
    for (int i = 0; i < extra.length; i += 2) {
      m.put((String) extra[i], extra[i + 1]);
    }
    return json(m);
  }
}
