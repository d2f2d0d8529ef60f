package io.tributary.spi.config;

import java.util.List;
import java.util.Objects;

/**
 * One declared configuration key.
 *
 * <pre>{@code
 * ConfigField.string("path").asRequired().describe("Glob of input files, relative to the pipeline")
 * ConfigField.string("api_key").asSecret().describe("The provider's API key")
 * }</pre>
 *
 * @param name the key as written in YAML
 * @param type its JSON type
 * @param required whether it must be present
 * @param defaultValue the value used when absent (may be {@code null})
 * @param secret whether the value is masked everywhere it could be shown
 * @param description one sentence for docs and editors
 * @param allowedValues when not empty, the only accepted values
 * @param minimum for numbers, the smallest accepted value (inclusive), or {@code null}
 * @param example a value shown in docs, or {@code null}
 */
public record ConfigField(
    String name,
    FieldType type,
    boolean required,
    Object defaultValue,
    boolean secret,
    String description,
    List<String> allowedValues,
    Number minimum,
    Object example) {

  public ConfigField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description;
    allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
  }

  public static ConfigField of(String name, FieldType type) {
    return new ConfigField(name, type, false, null, false, "", List.of(), null, null);
  }

  public static ConfigField string(String name) {
    return of(name, FieldType.STRING);
  }

  public static ConfigField integer(String name) {
    return of(name, FieldType.INTEGER);
  }

  public static ConfigField bool(String name) {
    return of(name, FieldType.BOOLEAN);
  }

  public static ConfigField stringList(String name) {
    return of(name, FieldType.STRING_LIST);
  }

  public static ConfigField object(String name) {
    return of(name, FieldType.OBJECT);
  }

  public ConfigField asRequired() {
    return new ConfigField(
        name, type, true, defaultValue, secret, description, allowedValues, minimum, example);
  }

  public ConfigField asSecret() {
    return new ConfigField(
        name, type, required, defaultValue, true, description, allowedValues, minimum, example);
  }

  public ConfigField describe(String text) {
    return new ConfigField(
        name, type, required, defaultValue, secret, text, allowedValues, minimum, example);
  }

  public ConfigField defaultsTo(Object value) {
    return new ConfigField(
        name, type, required, value, secret, description, allowedValues, minimum, example);
  }

  public ConfigField oneOf(String... values) {
    return new ConfigField(
        name, type, required, defaultValue, secret, description, List.of(values), minimum, example);
  }

  public ConfigField atLeast(Number min) {
    return new ConfigField(
        name, type, required, defaultValue, secret, description, allowedValues, min, example);
  }

  public ConfigField example(Object value) {
    return new ConfigField(
        name, type, required, defaultValue, secret, description, allowedValues, minimum, value);
  }
}
