package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest.Transform;
import io.tributary.http.internal.template.Template;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies a stream's transform steps to one record payload. Stateless. */
public final class Transforms {
  private Transforms() {}

  /** A value could not be converted; the record goes to the quarantine with this reason. */
  public static final class BadValue extends Exception {
    private final String field;

    BadValue(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /**
   * Applies the steps in order.
   *
   * @param context template context (config, partition, parent, ...); {@code record} is added
   */
  public static Map<String, Object> apply(
      Map<String, Object> record, List<Transform> steps, Map<String, Object> context)
      throws BadValue {
    if (steps.isEmpty()) {
      return record; // nothing to change: emitted records are never changed afterwards (SPI)
    }
    Map<String, Object> rec = new LinkedHashMap<>(record);
    for (Transform t : steps) {
      switch (t) {
        case Transform.AddFields a -> {
          Map<String, Object> ctx = withRecord(context, rec);
          Map<String, Object> added = new LinkedHashMap<>();
          for (Map.Entry<String, Template> e : a.fields().entrySet()) {
            added.put(e.getKey(), e.getValue().render(ctx));
          }
          rec.putAll(added);
        }
        case Transform.Rename r -> {
          Map<String, Object> out = new LinkedHashMap<>();
          rec.forEach((k, v) -> out.put(r.names().getOrDefault(k, k), v));
          rec = out;
        }
        case Transform.Remove r -> r.fields().forEach(rec::remove);
        case Transform.Flatten f -> {
          if (rec.get(f.field()) instanceof Map<?, ?>) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : rec.entrySet()) {
              if (e.getKey().equals(f.field()) && e.getValue() instanceof Map<?, ?> m) {
                if (f.keep()) {
                  out.put(e.getKey(), e.getValue());
                }
                flatten(f.field(), m, f.separator(), out);
              } else {
                out.put(e.getKey(), e.getValue());
              }
            }
            rec = out;
          }
        }
        case Transform.Coerce c -> {
          for (Map.Entry<String, String> e : c.kinds().entrySet()) {
            Object v = rec.get(e.getKey());
            if (v != null) {
              rec.put(e.getKey(), coerce(e.getKey(), v, e.getValue()));
            }
          }
        }
      }
    }
    return rec;
  }

  /** The context plus {@code record}, without copying the context for every record. */
  private static Map<String, Object> withRecord(
      Map<String, Object> context, Map<String, Object> rec) {
    return new java.util.AbstractMap<>() {
      @Override
      public Object get(Object key) {
        return "record".equals(key) ? rec : context.get(key);
      }

      @Override
      public boolean containsKey(Object key) {
        return "record".equals(key) || context.containsKey(key);
      }

      @Override
      public java.util.Set<Map.Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>(context);
        all.put("record", rec);
        return all.entrySet();
      }
    };
  }

  private static void flatten(String prefix, Map<?, ?> m, String sep, Map<String, Object> out) {
    m.forEach(
        (k, v) -> {
          String name = prefix + sep + k;
          if (v instanceof Map<?, ?> inner) {
            flatten(name, inner, sep, out);
          } else {
            out.put(name, v);
          }
        });
  }

  static Object coerce(String field, Object v, String kind) throws BadValue {
    try {
      return switch (kind) {
        case "epoch_seconds" ->
            v instanceof Long l
                ? Instant.ofEpochSecond(l).toString()
                : epoch(number(v), 1000).toString();
        case "epoch_millis" ->
            v instanceof Long l
                ? Instant.ofEpochMilli(l).toString()
                : epoch(number(v), 1).toString();
        case "iso_datetime" -> Cursors.parseInstant(v).toString();
        case "date" -> Cursors.parseInstant(v).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        case "integer" -> number(v).longValueExact();
        case "number" -> number(v).doubleValue();
        case "string" -> Template.text(v);
        case "boolean" ->
            switch (Template.text(v).toLowerCase(java.util.Locale.ROOT)) {
              case "true", "1", "yes" -> Boolean.TRUE;
              case "false", "0", "no" -> Boolean.FALSE;
              default -> throw new IllegalArgumentException("not a boolean");
            };
        default -> throw new IllegalStateException(kind);
      };
    } catch (RuntimeException e) {
      String shown = Template.text(v);
      if (shown.length() > 60) {
        shown = shown.substring(0, 60) + "…";
      }
      throw new BadValue(
          field, "field '" + field + "' cannot be coerced to " + kind + " (was: " + shown + ")");
    }
  }

  private static BigDecimal number(Object v) {
    if (v instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    return new BigDecimal(Template.text(v).trim());
  }

  private static Instant epoch(BigDecimal value, long millisPerUnit) {
    BigDecimal millis = value.multiply(BigDecimal.valueOf(millisPerUnit));
    return Instant.ofEpochMilli(millis.longValue())
        .plusNanos(millis.remainder(BigDecimal.ONE).movePointRight(6).longValue());
  }
}
