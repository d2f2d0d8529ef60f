package io.tributary.engine.config;

import io.tributary.spi.config.Secret;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Deep unmodifiable copies of parsed values, and maps that mask their secret keys when printed. */
final class Frozen {
  private Frozen() {}

  /** A deep unmodifiable copy keeping the order of maps; {@code null} values are kept. */
  @SuppressWarnings("unchecked")
  static <T> T copy(T value) {
    if (value instanceof MaskedMap) {
      return value;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return (T) Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(copy(v)));
      return (T) Collections.unmodifiableList(out);
    }
    return value;
  }

  /** A deep unmodifiable copy whose {@code toString} shows {@code secretKeys} as the mask. */
  static Map<String, Object> masked(Map<String, Object> values, Set<String> secretKeys) {
    return new MaskedMap(copy(values), Set.copyOf(secretKeys));
  }

  /**
   * An unmodifiable map that returns its real values but prints {@link Secret#MASK} for secret
   * keys, so that a record holding it ({@link SourceConfig}, {@link StepConfig}) never prints a
   * secret. Equality is that of {@link Map}.
   */
  static final class MaskedMap extends AbstractMap<String, Object> {
    private final Map<String, Object> values;
    private final Set<String> secretKeys;

    MaskedMap(Map<String, Object> values, Set<String> secretKeys) {
      this.values = values;
      this.secretKeys = secretKeys;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return values.entrySet();
    }

    @Override
    public Object get(Object key) {
      return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return values.containsKey(key);
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("{");
      values.forEach(
          (k, v) -> {
            if (sb.length() > 1) {
              sb.append(", ");
            }
            sb.append(k).append('=').append(secretKeys.contains(k) && v != null ? Secret.MASK : v);
          });
      return sb.append('}').toString();
    }
  }
}
