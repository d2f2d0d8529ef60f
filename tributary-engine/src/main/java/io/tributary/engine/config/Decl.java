package io.tributary.engine.config;

import io.tributary.spi.config.FieldType;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The declared structure of a pipeline file, as data. One tree drives validation ({@link
 * PipelineChecker}), the JSON Schema ({@link PipelineSchema}) and the reference ({@link
 * PipelineReference}). Plugin configurations are leaves ({@link ConnectorConfig}, {@link Step})
 * whose content comes from the plugins' {@link io.tributary.spi.config.ConfigSpec}s.
 */
sealed interface Decl {

  /** One sentence for editors and the reference. */
  String description();

  /**
   * One key of a mapping.
   *
   * @param name the key as written
   * @param decl what its value must be
   * @param required whether it must be present (and not null)
   * @param defaultValue the value used when absent, or {@code null}
   * @param defaultNote how the default is computed when it is not a constant, or {@code null}
   */
  record Prop(String name, Decl decl, boolean required, Object defaultValue, String defaultNote) {
    static Prop required(String name, Decl decl) {
      return new Prop(name, decl, true, null, null);
    }

    static Prop optional(String name, Decl decl) {
      return new Prop(name, decl, false, null, null);
    }

    static Prop withDefault(String name, Decl decl, Object defaultValue) {
      return new Prop(name, decl, false, defaultValue, null);
    }
  }

  /**
   * A mapping with declared keys; other keys are problems.
   *
   * @param exactlyOne when not empty, exactly one of these keys must be present
   * @param extensions whether keys starting with {@code x-} are accepted and ignored (they hold
   *     anchors for reuse, as in Compose files)
   */
  record Obj(String description, List<Prop> props, List<String> exactlyOne, boolean extensions)
      implements Decl {
    public Obj {
      props = List.copyOf(props);
      exactlyOne = List.copyOf(exactlyOne);
    }

    Obj(String description, List<Prop> props) {
      this(description, props, List.of(), false);
    }

    Optional<Prop> prop(String name) {
      return props.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    List<String> names() {
      return props.stream().map(Prop::name).toList();
    }
  }

  /**
   * A single value.
   *
   * @param type its type ({@link FieldType#STRING_LIST} for "a name or a list of names")
   * @param pattern a regular expression a string must match, or {@code null}
   * @param patternRule what the pattern means, in words, for the message
   * @param allowed when not empty, the only accepted values
   * @param noun names what the allowed values are ("connector") for the "unknown x" message, or
   *     {@code null} for the general "must be one of" message
   * @param min the smallest accepted number, or {@code null}
   * @param max the largest accepted number, or {@code null}
   * @param check a further check returning a message, or {@code null} when the value is fine; may
   *     be {@code null}
   * @param example a value shown in the reference, or {@code null}
   */
  record Scalar(
      String description,
      FieldType type,
      Pattern pattern,
      String patternRule,
      List<String> allowed,
      String noun,
      Long min,
      Long max,
      Function<Object, String> check,
      Object example)
      implements Decl {
    public Scalar {
      allowed = List.copyOf(allowed);
    }

    static Scalar of(FieldType type, String description) {
      return new Scalar(description, type, null, null, List.of(), null, null, null, null, null);
    }

    Scalar matching(Pattern p, String rule) {
      return new Scalar(description, type, p, rule, allowed, noun, min, max, check, example);
    }

    Scalar oneOf(List<String> values, String valueNoun) {
      return new Scalar(
          description, type, pattern, patternRule, values, valueNoun, min, max, check, example);
    }

    Scalar between(Long low, Long high) {
      return new Scalar(
          description, type, pattern, patternRule, allowed, noun, low, high, check, example);
    }

    Scalar checkedBy(Function<Object, String> f) {
      return new Scalar(
          description, type, pattern, patternRule, allowed, noun, min, max, f, example);
    }

    Scalar example(Object value) {
      return new Scalar(
          description, type, pattern, patternRule, allowed, noun, min, max, check, value);
    }
  }

  /**
   * A list.
   *
   * @param unique whether the items must be distinct
   */
  record ListOf(String description, Decl items, boolean unique) implements Decl {}

  /** A string or a mapping, chosen by what is written (e.g. a stream name or its full entry). */
  record Either(String description, Scalar whenScalar, Obj whenMapping) implements Decl {}

  /**
   * A value kept as written and checked only for its kind ({@link FieldType#OBJECT} or {@link
   * FieldType#LIST}); another module validates its content.
   */
  record Free(String description, FieldType type) implements Decl {}

  /**
   * A connector's configuration, validated with the spec of the connector named by the sibling key
   * {@code discriminator}.
   */
  record ConnectorConfig(String description, String discriminator) implements Decl {}

  /**
   * One processor step: a mapping with {@code type} naming the processor and the processor's
   * configuration keys beside it.
   */
  record Step(String description, Scalar type) implements Decl {}
}
