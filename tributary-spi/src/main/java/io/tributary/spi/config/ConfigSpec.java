package io.tributary.spi.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration a plugin accepts: a list of declared fields.
 *
 * @param description one paragraph for the generated docs
 * @param fields the declared keys
 * @param allowUnknown whether keys that are not declared are accepted (normally not: a typo must be
 *     reported)
 */
public record ConfigSpec(String description, List<ConfigField> fields, boolean allowUnknown) {

  public ConfigSpec {
    description = description == null ? "" : description;
    fields = List.copyOf(fields);
  }

  public static ConfigSpec of(String description, ConfigField... fields) {
    return new ConfigSpec(description, List.of(fields), false);
  }

  public static ConfigSpec empty() {
    return new ConfigSpec("", List.of(), false);
  }

  public Optional<ConfigField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * Checks {@code values} against the declaration and returns every problem, with paths relative to
   * this configuration (prefix them with {@link ConfigProblem#withPathPrefix}).
   */
  public List<ConfigProblem> validate(Map<String, Object> values) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, Object> given = values == null ? Map.of() : values;
    for (ConfigField f : fields) {
      Object v = given.get(f.name());
      if (v == null) {
        if (f.required()) {
          problems.add(
              ConfigProblem.at(f.name(), null, "'" + f.name() + "' is required but missing"));
        }
        continue;
      }
      String shown = f.secret() ? Secret.MASK : String.valueOf(v);
      if (!matches(f.type(), v)) {
        problems.add(
            new ConfigProblem(
                null,
                f.name(),
                shown,
                "'" + f.name() + "' must be " + describe(f.type()) + " but was " + kind(v)));
        continue;
      }
      if (!f.allowedValues().isEmpty() && !f.allowedValues().contains(String.valueOf(v))) {
        problems.add(
            new ConfigProblem(
                null,
                f.name(),
                shown,
                "'" + f.name() + "' must be one of " + String.join(", ", f.allowedValues())));
      }
      if (f.minimum() != null && v instanceof Number n) {
        if (new BigDecimal(n.toString()).compareTo(new BigDecimal(f.minimum().toString())) < 0) {
          problems.add(
              new ConfigProblem(
                  null,
                  f.name(),
                  shown,
                  "'" + f.name() + "' must be >= " + f.minimum() + " but was " + n));
        }
      }
    }
    if (!allowUnknown) {
      for (String key : given.keySet()) {
        if (field(key).isEmpty()) {
          problems.add(
              ConfigProblem.at(
                  key,
                  null,
                  "unknown key '" + key + "'; expected one of: " + String.join(", ", names())));
        }
      }
    }
    return problems;
  }

  /** Values with defaults filled in. Does not validate. */
  public Map<String, Object> withDefaults(Map<String, Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ConfigField f : fields) {
      if (f.defaultValue() != null) {
        out.put(f.name(), f.defaultValue());
      }
    }
    if (values != null) {
      out.putAll(values);
    }
    return out;
  }

  public List<String> names() {
    return fields.stream().map(ConfigField::name).toList();
  }

  private static boolean matches(FieldType type, Object v) {
    return switch (type) {
      case STRING -> v instanceof String;
      case INTEGER ->
          v instanceof Integer
              || v instanceof Long
              || v instanceof java.math.BigInteger
              || v instanceof Short;
      case NUMBER -> v instanceof Number;
      case BOOLEAN -> v instanceof Boolean;
      case STRING_LIST ->
          v instanceof String
              || (v instanceof List<?> l && l.stream().allMatch(e -> e instanceof String));
      case LIST -> v instanceof List<?>;
      case OBJECT -> v instanceof Map<?, ?>;
      case ANY -> true;
    };
  }

  private static String describe(FieldType type) {
    return switch (type) {
      case STRING -> "a string";
      case INTEGER -> "an integer";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case STRING_LIST -> "a string or a list of strings";
      case LIST -> "a list";
      case OBJECT -> "a mapping";
      case ANY -> "any value";
    };
  }

  static String kind(Object v) {
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof List<?>) {
      return "a list";
    }
    if (v instanceof Map<?, ?>) {
      return "a mapping";
    }
    return v.getClass().getSimpleName();
  }
}
