package io.tributary.engine.config;

import io.tributary.engine.Plugins;
import io.tributary.engine.config.Decl.ConnectorConfig;
import io.tributary.engine.config.Decl.Either;
import io.tributary.engine.config.Decl.Free;
import io.tributary.engine.config.Decl.ListOf;
import io.tributary.engine.config.Decl.Obj;
import io.tributary.engine.config.Decl.Prop;
import io.tributary.engine.config.Decl.Scalar;
import io.tributary.engine.config.Decl.Step;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.ConfigSpec;
import io.tributary.spi.config.FieldType;
import io.tributary.spi.config.Secret;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a parsed pipeline file against its {@link Decl declaration} and the plugins' specs,
 * reporting every problem with its position, and returns the values normalised: defaults filled in,
 * scalars written where a string is expected taken as written, plugin configurations wrapped so
 * that their secrets are masked when printed, and each process step as a {@link StepConfig}. One
 * instance per load; not thread-safe.
 */
final class PipelineChecker {
  private final Plugins plugins;
  private final YamlDocument doc;
  private final Problems problems;
  private final String file;
  private final Set<String> secretPaths = new LinkedHashSet<>();
  private final Set<String> secretValues = new LinkedHashSet<>();

  PipelineChecker(Plugins plugins, YamlDocument doc, Problems problems, String file) {
    this.plugins = plugins;
    this.doc = doc;
    this.problems = problems;
    this.file = file;
  }

  /** Paths of the values declared secret by a plugin spec. */
  Set<String> secretPaths() {
    return secretPaths;
  }

  /** Values of the fields declared secret by a plugin spec. */
  Set<String> secretValues() {
    return secretValues;
  }

  /** Checks the document's root against {@code decl}; {@code null} when it is not a mapping. */
  @SuppressWarnings("unchecked")
  Map<String, Object> checkRoot(Obj decl) {
    Object root = doc.root();
    if (!(root instanceof Map<?, ?>)) {
      problemAt(
          doc.valuePos(""),
          "",
          null,
          root == null
              ? "the file is empty; a pipeline needs at least 'name' and 'source' (see"
                  + " docs/pipeline.md)"
              : "a pipeline file is a mapping of keys (name, source, ...) but this one is "
                  + kind(root));
      return null;
    }
    return (Map<String, Object>) check(decl, root, "", Map.of());
  }

  private Object check(Decl decl, Object value, String path, Map<String, Object> siblings) {
    return switch (decl) {
      case Obj o -> object(o, value, path);
      case Scalar s -> scalar(s, value, path);
      case ListOf l -> list(l, value, path);
      case Either e -> either(e, value, path);
      case Free f -> free(f, value, path);
      case ConnectorConfig c -> connectorConfig(c, value, path, siblings);
      case Step s -> step(s, value, path);
    };
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Obj decl, Object value, String path) {
    if (!(value instanceof Map<?, ?>)) {
      valueProblem(
          path,
          value,
          quoted(path)
              + " must be a mapping with keys "
              + String.join(", ", decl.names())
              + " but was "
              + kind(value));
      return null;
    }
    Map<String, Object> given = (Map<String, Object>) value;
    for (String key : given.keySet()) {
      if (decl.prop(key).isEmpty() && !(decl.extensions() && key.startsWith("x-"))) {
        unknownKey(YamlDocument.child(path, key), key, decl.names());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Prop p : decl.props()) {
      String childPath = YamlDocument.child(path, p.name());
      Object v = given.get(p.name());
      if (v == null && !(p.decl() instanceof ConnectorConfig)) {
        if (p.required()) {
          missing(childPath, p.name(), path);
        } else if (p.defaultValue() != null) {
          out.put(p.name(), p.defaultValue());
        }
        continue;
      }
      out.put(p.name(), check(p.decl(), v, childPath, given));
    }
    if (!decl.exactlyOne().isEmpty()) {
      List<String> present =
          decl.exactlyOne().stream()
              .filter(k -> given.get(k) != null)
              .sorted(
                  Comparator.comparing(
                      (String k) -> doc.keyPos(YamlDocument.child(path, k)),
                      Comparator.comparingInt(Problems.Pos::line)
                          .thenComparingInt(Problems.Pos::column)))
              .toList();
      String choices = String.join(", ", decl.exactlyOne());
      if (present.isEmpty()) {
        problemAt(
            doc.keyPos(path),
            path,
            null,
            quoted(path)
                + " needs exactly one of "
                + choices
                + "; add one, or remove "
                + quoted(path)
                + " to run only when triggered");
      } else if (present.size() > 1) {
        String second = present.get(1);
        problemAt(
            doc.keyPos(YamlDocument.child(path, second)),
            YamlDocument.child(path, second),
            null,
            "'"
                + second
                + "' cannot be combined with '"
                + present.get(0)
                + "'; keep exactly one of "
                + choices);
      }
    }
    return out;
  }

  private Object scalar(Scalar decl, Object value, String path) {
    Object v = coerce(decl.type(), value, path);
    if (v == null) {
      valueProblem(
          path,
          value,
          quoted(path)
              + " must be "
              + describe(decl.type())
              + " but was "
              + kind(value)
              + booleanHint(decl.type(), value));
      return value;
    }
    if (decl.check() != null) {
      String message = decl.check().apply(v);
      if (message != null) {
        valueProblem(path, value, message);
        return v;
      }
    }
    if (!decl.allowed().isEmpty() && !decl.allowed().contains(String.valueOf(v))) {
      String given = String.valueOf(v);
      String hint = Suggestions.didYouMean(given, decl.allowed());
      String message =
          decl.noun() == null
              ? quoted(path) + " must be one of " + String.join(", ", decl.allowed()) + hint
              : "unknown "
                  + decl.noun()
                  + " '"
                  + given
                  + "'"
                  + hint
                  + "; available: "
                  + String.join(", ", decl.allowed());
      valueProblem(path, value, message);
      return v;
    }
    if (decl.allowed().isEmpty() && decl.noun() != null) {
      valueProblem(
          path,
          value,
          "unknown "
              + decl.noun()
              + " '"
              + v
              + "'; none are installed: add a "
              + decl.noun()
              + " plugin to the classpath");
      return v;
    }
    if (decl.pattern() != null && !decl.pattern().matcher(String.valueOf(v)).matches()) {
      valueProblem(path, value, quoted(path) + " " + decl.patternRule());
      return v;
    }
    if (v instanceof Number n && (decl.min() != null || decl.max() != null)) {
      BigInteger big = n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
      if (decl.min() != null && big.compareTo(BigInteger.valueOf(decl.min())) < 0) {
        valueProblem(
            path, value, quoted(path) + " must be at least " + decl.min() + " but was " + n);
      } else if (decl.max() != null && big.compareTo(BigInteger.valueOf(decl.max())) > 0) {
        valueProblem(
            path, value, quoted(path) + " must be at most " + decl.max() + " but was " + n);
      }
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(ListOf decl, Object value, String path) {
    if (!(value instanceof List<?>)) {
      valueProblem(
          path,
          value,
          quoted(path) + " must be a list ('- item' lines or [a, b]) but was " + kind(value));
      return List.of();
    }
    List<Object> given = (List<Object>) value;
    List<Object> out = new ArrayList<>(given.size());
    Map<Object, Integer> seen = new HashMap<>();
    for (int i = 0; i < given.size(); i++) {
      String itemPath = YamlDocument.item(path, i);
      Object item = given.get(i);
      if (item == null) {
        valueProblem(
            itemPath, null, quoted(itemPath) + " is empty; remove the '-' or give it a value");
        continue;
      }
      Object checked = check(decl.items(), item, itemPath, Map.of());
      out.add(checked);
      if (decl.unique()) {
        Object identity = checked instanceof Map<?, ?> m ? m.get("name") : checked;
        Integer first = identity == null ? null : seen.putIfAbsent(identity, i);
        if (first != null) {
          valueProblem(
              itemPath,
              identity,
              "'"
                  + identity
                  + "' is already listed at "
                  + YamlDocument.item(path, first)
                  + "; remove one of them");
        }
      }
    }
    return out;
  }

  private Object either(Either decl, Object value, String path) {
    if (value instanceof Map<?, ?>) {
      return object(decl.whenMapping(), value, path);
    }
    if (value instanceof List<?>) {
      valueProblem(
          path,
          value,
          quoted(path)
              + " must be a name or a mapping with keys "
              + String.join(", ", decl.whenMapping().names())
              + " but was a list");
      return value;
    }
    return scalar(decl.whenScalar(), value, path);
  }

  private Object free(Free decl, Object value, String path) {
    boolean ok =
        decl.type() == FieldType.OBJECT ? value instanceof Map<?, ?> : value instanceof List<?>;
    if (!ok) {
      valueProblem(
          path,
          value,
          quoted(path) + " must be " + describe(decl.type()) + " but was " + kind(value));
      return null;
    }
    return Frozen.copy(value);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> connectorConfig(
      ConnectorConfig decl, Object value, String path, Map<String, Object> siblings) {
    if (value != null && !(value instanceof Map<?, ?>)) {
      valueProblem(
          path,
          value,
          quoted(path) + " must be a mapping of the connector's settings but was " + kind(value));
      return Map.of();
    }
    Map<String, Object> given = value == null ? Map.of() : (Map<String, Object>) value;
    Object name = siblings.get(decl.discriminator());
    var provider =
        name instanceof String s ? plugins.findConnector(s) : Optional.<ConnectorProvider>empty();
    if (provider.isEmpty()) {
      return Frozen.masked(given, Set.of());
    }
    ConfigSpec spec;
    try {
      spec = provider.get().spec();
    } catch (RuntimeException e) {
      problemAt(
          doc.valuePos(path),
          path,
          null,
          "connector '"
              + name
              + "' could not describe its settings ("
              + e.getClass().getSimpleName()
              + "); report this to the connector's author");
      return Frozen.masked(given, Set.of());
    }
    return pluginConfig(spec, given, path, "connector '" + name + "'");
  }

  @SuppressWarnings("unchecked")
  private StepConfig step(Step decl, Object value, String path) {
    if (!(value instanceof Map<?, ?>)) {
      valueProblem(
          path,
          value,
          quoted(path) + " must be a mapping like {type: validate, ...} but was " + kind(value));
      return null;
    }
    Map<String, Object> given = (Map<String, Object>) value;
    String typePath = YamlDocument.child(path, "type");
    Object type = given.get("type");
    Map<String, Object> rest = new LinkedHashMap<>(given);
    rest.remove("type");
    String location = location(doc.valuePos(path));
    if (type == null) {
      missing(typePath, "type", path);
      return new StepConfig(null, Frozen.masked(rest, Set.of()), location);
    }
    Object checkedType = scalar(decl.type(), type, typePath);
    var provider =
        checkedType instanceof String s
            ? plugins.findProcessor(s)
            : Optional.<ProcessorProvider>empty();
    if (provider.isEmpty()) {
      return new StepConfig(String.valueOf(checkedType), Frozen.masked(rest, Set.of()), location);
    }
    ConfigSpec spec;
    try {
      spec = provider.get().spec();
    } catch (RuntimeException e) {
      problemAt(
          doc.valuePos(path),
          path,
          null,
          "processor '"
              + checkedType
              + "' could not describe its settings ("
              + e.getClass().getSimpleName()
              + "); report this to the processor's author");
      return new StepConfig((String) checkedType, Frozen.masked(rest, Set.of()), location);
    }
    if (spec.field("type").isPresent()) {
      problemAt(
          doc.valuePos(path),
          path,
          null,
          "processor '"
              + checkedType
              + "' declares a setting named 'type', which clashes with the step's type;"
              + " report this to the processor's author");
    }
    Map<String, Object> config = pluginConfig(spec, rest, path, "processor '" + checkedType + "'");
    return new StepConfig((String) checkedType, config, location);
  }

  /** Validates one plugin's settings with its spec; keys sit directly under {@code path}. */
  private Map<String, Object> pluginConfig(
      ConfigSpec spec, Map<String, Object> given, String path, String owner) {
    Map<String, Object> values = new LinkedHashMap<>();
    Set<String> secretKeys = new LinkedHashSet<>();
    for (Map.Entry<String, Object> e : given.entrySet()) {
      String key = e.getKey();
      String keyPath = YamlDocument.child(path, key);
      Object v = e.getValue();
      var field = spec.field(key);
      if (field.isPresent()) {
        Object coerced = coerce(field.get().type(), v, keyPath);
        v = coerced == null ? v : coerced;
        if (field.get().secret()) {
          secretKeys.add(key);
          secretPaths.add(keyPath);
          if (v != null
              && !(v instanceof Map<?, ?>)
              && !(v instanceof List<?>)
              && !String.valueOf(v).isEmpty()) {
            secretValues.add(String.valueOf(v));
          }
        }
      }
      values.put(key, v);
    }
    for (ConfigField f : spec.fields()) {
      if (f.secret()) {
        secretPaths.add(YamlDocument.child(path, f.name()));
      }
    }
    List<ConfigProblem> found;
    try {
      found = spec.validate(values);
    } catch (RuntimeException e) {
      problemAt(
          doc.valuePos(path),
          path,
          null,
          owner
              + " could not validate its settings ("
              + e.getClass().getSimpleName()
              + "); report this to its author");
      found = List.of();
    }
    for (ConfigProblem p : found) {
      String key = p.path() == null ? "" : p.path();
      String keyPath = key.isEmpty() ? path : YamlDocument.child(path, key);
      var field = spec.field(key);
      if (!key.isEmpty() && field.isEmpty() && values.containsKey(key)) {
        unknownKey(keyPath, key, spec.names());
      } else if (field.isPresent() && values.get(key) == null) {
        if (doc.hasKey(keyPath)) {
          problemAt(
              doc.keyPos(keyPath),
              keyPath,
              null,
              "'" + key + "' is required by " + owner + " but empty; give it a value");
        } else {
          problemAt(
              doc.keyPos(path),
              keyPath,
              null,
              "'"
                  + key
                  + "' is required by "
                  + owner
                  + "; add it under "
                  + (path.isEmpty() ? "the top level" : path));
        }
      } else {
        String shown = field.isPresent() && field.get().secret() ? Secret.MASK : p.value();
        if (shown != null && field.isPresent() && !field.get().secret()) {
          String text = doc.scalarText(keyPath);
          shown = text != null ? text : shown;
        }
        problemAt(doc.valuePos(keyPath), keyPath, shown, p.message());
      }
    }
    return Frozen.masked(values, secretKeys);
  }

  /**
   * {@code value} as {@code type}, or {@code null} when it is not of that type. A scalar YAML typed
   * as a number or boolean is taken as written where a string is expected ({@code api_key: 0123}
   * stays {@code "0123"}).
   */
  private Object coerce(FieldType type, Object value, String path) {
    return switch (type) {
      case STRING -> value instanceof String ? value : asWritten(value, path);
      case INTEGER -> value instanceof Long || value instanceof BigInteger ? value : null;
      case NUMBER -> value instanceof Number ? value : null;
      case BOOLEAN -> value instanceof Boolean ? value : null;
      case STRING_LIST -> {
        if (value instanceof List<?> list) {
          List<String> out = new ArrayList<>(list.size());
          for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            Object s = item instanceof String ? item : asWritten(item, YamlDocument.item(path, i));
            if (s == null) {
              yield null;
            }
            out.add((String) s);
          }
          yield List.copyOf(out);
        }
        Object s = value instanceof String ? value : asWritten(value, path);
        yield s == null ? null : s;
      }
      case LIST -> value instanceof List<?> ? value : null;
      case OBJECT -> value instanceof Map<?, ?> ? value : null;
      case ANY -> value;
    };
  }

  private String asWritten(Object value, String path) {
    if (value instanceof Map<?, ?> || value instanceof List<?> || value == null) {
      return null;
    }
    return doc.scalarText(path);
  }

  private void unknownKey(String keyPath, String key, List<String> allowed) {
    String hint = Suggestions.didYouMean(key, allowed);
    problemAt(
        doc.keyPos(keyPath),
        keyPath,
        null,
        "unknown key '"
            + key
            + "'"
            + hint
            + (allowed.isEmpty()
                ? "; no keys are accepted here"
                : "; expected one of: " + String.join(", ", allowed)));
  }

  private void missing(String childPath, String key, String parent) {
    if (doc.hasKey(childPath)) {
      problemAt(
          doc.keyPos(childPath),
          childPath,
          null,
          "'" + key + "' is required but empty; give it a value");
    } else {
      problemAt(
          parent.isEmpty() ? doc.valuePos("") : doc.keyPos(parent),
          childPath,
          null,
          "'"
              + key
              + "' is required; add it "
              + (parent.isEmpty() ? "at the top level" : "under " + parent));
    }
  }

  private void valueProblem(String path, Object value, String message) {
    problemAt(doc.valuePos(path), path, shown(path, value), message);
  }

  private void problemAt(Problems.Pos pos, String path, String value, String message) {
    problems.addIfFirst(file, pos, path, value, message);
  }

  private String location(Problems.Pos pos) {
    return file + ":" + pos.line() + ":" + pos.column();
  }

  /** The value as the user wrote it, for scalars; {@code null} for mappings and lists. */
  private String shown(String path, Object value) {
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      return null;
    }
    String text = doc.scalarText(path);
    return text != null ? text : String.valueOf(value);
  }

  /** The last segment of a path, quoted, for messages: {@code 'batch_size'}. */
  private static String quoted(String path) {
    if (path.isEmpty()) {
      return "the file";
    }
    String parent = YamlDocument.parent(path);
    String last = parent.isEmpty() ? path : path.substring(parent.length());
    if (last.startsWith(".")) {
      last = last.substring(1);
    }
    return "'" + (last.startsWith("[") ? path : last) + "'";
  }

  static String describe(FieldType type) {
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
    return switch (v) {
      case null -> "empty";
      case String s -> "a string";
      case Boolean b -> "a boolean";
      case Number n -> "a number";
      case List<?> l -> "a list";
      case Map<?, ?> m -> "a mapping";
      default -> v.getClass().getSimpleName();
    };
  }

  private static String booleanHint(FieldType type, Object value) {
    if (type == FieldType.BOOLEAN && value instanceof String s) {
      String lower = s.toLowerCase(Locale.ROOT);
      if (List.of("yes", "no", "on", "off", "y", "n").contains(lower)) {
        return "; write true or false ('" + s + "' is a string in YAML 1.2)";
      }
    }
    return "";
  }
}
