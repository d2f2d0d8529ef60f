package io.tributary.http.internal.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values (maps, lists, strings, longs, doubles, booleans), parsed with caps on
 * nesting depth and string length. Thread-safe.
 */
public final class Json {
  private final ObjectMapper mapper;

  public Json(int maxNestingDepth, int maxStringLength) {
    JsonFactory f =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxNestingDepth)
                    .maxStringLength(maxStringLength)
                    .build())
            .build();
    this.mapper = JsonMapper.builder(f).enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
  }

  /** The shared mapper for writing (cassettes, request bodies). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Why a body could not be parsed. */
  public static final class BadJson extends Exception {
    private final boolean truncated;
    private final boolean limit;

    BadJson(String message, boolean truncated, boolean limit) {
      super(message);
      this.truncated = truncated;
      this.limit = limit;
    }

    /** The body ended in the middle of a value: worth fetching again. */
    public boolean truncated() {
      return truncated;
    }

    /** A nesting-depth or string-length cap was exceeded. */
    public boolean limit() {
      return limit;
    }
  }

  /** Parses a whole body. An empty body is {@code null}. */
  public Object parse(byte[] body) throws BadJson {
    if (body.length == 0) {
      return null;
    }
    try {
      return mapper.readValue(body, Object.class);
    } catch (StreamConstraintsException e) {
      throw new BadJson(
          "the JSON exceeds a safety cap ("
              + e.getOriginalMessage()
              + "); raise limits.max_nesting_depth or limits.max_string_length if it is legitimate",
          false,
          true);
    } catch (JsonEOFException e) {
      throw new BadJson("the JSON body ends in the middle of a value (truncated)", true, false);
    } catch (JsonProcessingException e) {
      String m = String.valueOf(e.getOriginalMessage());
      if (m.startsWith("Unexpected end-of-input")) {
        throw new BadJson("the JSON body ends in the middle of a value (truncated)", true, false);
      }
      throw new BadJson("the body is not valid JSON: " + e.getOriginalMessage(), false, false);
    } catch (IOException e) {
      throw new BadJson("the body cannot be read as JSON: " + e.getMessage(), false, false);
    }
  }

  /**
   * Evaluates a JSON Pointer ({@code /data/children/0}) on a plain value; {@code ""} is the whole
   * value. Missing steps give {@code null}.
   */
  public static Object pointer(Object root, String pointer) {
    if (pointer == null || pointer.isEmpty()) {
      return root;
    }
    if (!pointer.startsWith("/")) {
      return root instanceof Map<?, ?> m ? m.get(pointer) : null;
    }
    Object cur = root;
    for (String raw : pointer.substring(1).split("/", -1)) {
      String seg = raw.replace("~1", "/").replace("~0", "~");
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(seg);
      } else if (cur instanceof List<?> l
          && !seg.isEmpty()
          && seg.chars().allMatch(Character::isDigit)) {
        int i = Integer.parseInt(seg);
        cur = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  /**
   * Selects nodes with a JSON Pointer or a simple JSONPath: {@code $}, {@code .name}, {@code
   * ['name']}, {@code [n]} and {@code [*]}. A pointer gives one node (or none); a path with {@code
   * [*]} gives one node per element.
   */
  public static List<Object> select(Object root, String path) {
    List<Object> out = new ArrayList<>();
    if (path == null || path.isEmpty() || path.startsWith("/")) {
      Object v = pointer(root, path);
      if (v != null) {
        out.add(v);
      }
      return out;
    }
    List<Object> cur = new ArrayList<>();
    cur.add(root);
    for (String step : jsonPathSteps(path)) {
      List<Object> next = new ArrayList<>();
      for (Object node : cur) {
        if (step.equals("*")) {
          if (node instanceof List<?> l) {
            next.addAll(l);
          } else if (node instanceof Map<?, ?> m) {
            next.addAll(m.values());
          }
        } else if (node instanceof Map<?, ?> m) {
          Object v = m.get(step);
          if (v != null) {
            next.add(v);
          }
        } else if (node instanceof List<?> l && step.chars().allMatch(Character::isDigit)) {
          int i = Integer.parseInt(step);
          if (i < l.size() && l.get(i) != null) {
            next.add(l.get(i));
          }
        }
      }
      cur = next;
    }
    return cur;
  }

  /** Whether a JSONPath yields many nodes (it has a wildcard). */
  public static boolean isMultiPath(String path) {
    return path != null && path.startsWith("$") && path.contains("*");
  }

  /**
   * Splits a simple JSONPath into steps.
   *
   * @throws IllegalArgumentException saying which syntax is supported
   */
  public static List<String> jsonPathSteps(String path) {
    return io.tributary.http.internal.template.JsonPaths.steps(path);
  }
}
