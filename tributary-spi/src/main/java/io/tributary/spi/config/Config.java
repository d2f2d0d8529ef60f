package io.tributary.spi.config;

import io.tributary.spi.ConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validated configuration values of one plugin instance, with defaults applied. Secret fields are
 * masked by {@link #masked()} and {@link #toString()}; read them with {@link #secret(String)}.
 */
public final class Config {
  private final ConfigSpec spec;
  private final Map<String, Object> values;

  private Config(ConfigSpec spec, Map<String, Object> values) {
    this.spec = spec;
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Validates and wraps {@code raw}.
   *
   * @throws ConfigException listing every problem
   */
  public static Config of(ConfigSpec spec, Map<String, Object> raw) {
    List<ConfigProblem> problems = spec.validate(raw);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Config(spec, new LinkedHashMap<>(spec.withDefaults(raw)));
  }

  public ConfigSpec spec() {
    return spec;
  }

  public boolean has(String key) {
    return values.get(key) != null;
  }

  public Object raw(String key) {
    return values.get(key);
  }

  public String string(String key) {
    Object v = values.get(key);
    if (v == null) {
      throw new ConfigException("'" + key + "' is required but missing");
    }
    return v.toString();
  }

  public Optional<String> optString(String key) {
    return Optional.ofNullable(values.get(key)).map(Object::toString);
  }

  public long integer(String key, long fallback) {
    return values.get(key) instanceof Number n ? n.longValue() : fallback;
  }

  public double number(String key, double fallback) {
    return values.get(key) instanceof Number n ? n.doubleValue() : fallback;
  }

  public boolean bool(String key, boolean fallback) {
    return values.get(key) instanceof Boolean b ? b : fallback;
  }

  /** A string list; a single string counts as a list of one; absent gives an empty list. */
  public List<String> strings(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(v.toString());
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> object(String key) {
    return values.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public Optional<Secret> secret(String key) {
    return Optional.ofNullable(values.get(key)).map(v -> new Secret(v.toString()));
  }

  /** All values, with every secret field replaced by {@link Secret#MASK}. Safe to show. */
  public Map<String, Object> masked() {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          boolean secret = spec.field(k).map(ConfigField::secret).orElse(false);
          out.put(k, secret && v != null ? Secret.MASK : v);
        });
    return out;
  }

  @Override
  public String toString() {
    return masked().toString();
  }
}
