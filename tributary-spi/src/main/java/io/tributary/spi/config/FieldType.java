package io.tributary.spi.config;

/** The JSON type of a configuration value. */
public enum FieldType {
  STRING("string"),
  INTEGER("integer"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  /** A list of strings; a single string is accepted as a list of one. */
  STRING_LIST("array"),
  /** A list of any JSON values. */
  LIST("array"),
  OBJECT("object"),
  ANY(null);

  private final String jsonType;

  FieldType(String jsonType) {
    this.jsonType = jsonType;
  }

  /** The JSON Schema {@code type} keyword's value, or {@code null} for {@link #ANY}. */
  public String jsonType() {
    return jsonType;
  }
}
