package io.tributary.http.internal.manifest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declaration of one part of the manifest format, as data. One declaration drives validation
 * (every problem, with file and line), binding defaults and the JSON Schema for editors.
 */
public sealed interface Shape {

  /** A string. {@code allowed} lists the only accepted values when not empty. */
  record Str(List<String> allowed, String pattern, String patternHint) implements Shape {}

  /** A string that is a template ({@code {{ config.x }}}); checked for syntax at load time. */
  record Template() implements Shape {}

  /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
  record Dur() implements Shape {}

  /** A whole number, at least {@code min} when not null. */
  record Int(Long min) implements Shape {}

  /** A number, at least {@code min} when not null. */
  record Num(Double min) implements Shape {}

  record Bool() implements Shape {}

  /** Any JSON value (e.g. a default or a request body template). */
  record Any() implements Shape {}

  record ListOf(Shape item, int minItems) implements Shape {}

  /** A mapping whose keys are free (header names, query parameters). */
  record MapOf(Shape value) implements Shape {}

  /** A mapping with declared keys; other keys are refused. */
  record Obj(List<Field> fields) implements Shape {
    public Optional<Field> field(String name) {
      return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<String> names() {
      return fields.stream().map(Field::name).toList();
    }
  }

  /** A mapping whose {@code tag} key picks one of several declared mappings. */
  record Tagged(String tag, Map<String, Obj> variants, String description) implements Shape {
    public Tagged {
      variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }
  }

  /** A mapping with exactly one of the declared keys (e.g. one transform step). */
  record Single(List<Field> choices) implements Shape {
    public Optional<Field> choice(String name) {
      return choices.stream().filter(f -> f.name().equals(name)).findFirst();
    }
  }

  /**
   * One of several shapes told apart by the kind of YAML node (scalar, list, mapping): e.g. a
   * primary key written as {@code id} or {@code [a, b]}.
   */
  record ByKind(Shape scalar, Shape list, Shape map) implements Shape {}

  /**
   * One declared key.
   *
   * @param name the key as written
   * @param shape what its value must look like
   * @param required whether it must be present
   * @param defaultValue the value used when absent, or {@code null}
   * @param description one sentence for the docs and editors
   */
  record Field(
      String name, Shape shape, boolean required, Object defaultValue, String description) {

    public Field asRequired() {
      return new Field(name, shape, true, defaultValue, description);
    }

    public Field defaultsTo(Object value) {
      return new Field(name, shape, required, value, description);
    }
  }

  // ---- small constructors, so the declaration reads like a table ----

  static Field field(String name, Shape shape, String description) {
    return new Field(name, shape, false, null, description);
  }

  static Str string() {
    return new Str(List.of(), null, null);
  }

  static Str oneOf(String... values) {
    return new Str(Arrays.asList(values), null, null);
  }

  static Str matching(String regex, String hint) {
    return new Str(List.of(), regex, hint);
  }

  static Template template() {
    return new Template();
  }

  static Dur duration() {
    return new Dur();
  }

  static Int integer(long min) {
    return new Int(min);
  }

  static Num number(double min) {
    return new Num(min);
  }

  static Bool bool() {
    return new Bool();
  }

  static Any any() {
    return new Any();
  }

  static ListOf listOf(Shape item) {
    return new ListOf(item, 0);
  }

  static MapOf mapOf(Shape value) {
    return new MapOf(value);
  }

  static Obj obj(Field... fields) {
    return new Obj(List.of(fields));
  }
}
