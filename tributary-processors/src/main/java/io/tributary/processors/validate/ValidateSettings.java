package io.tributary.processors.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.ConfigSpec;
import io.tributary.spi.config.FieldType;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a {@code validate} step's configuration into a schema check and rules, reporting every
 * problem at once with its path ({@code schema.properties.score.type}, {@code rules[2].pattern}).
 */
final class ValidateSettings {
  static final String SCHEMA = "schema";
  static final String RULES = "rules";

  static final List<String> RULE_NAMES =
      List.of("not_null", "not_empty", "range", "regex", "allowed", "not_in_future");

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          "Checks each record against a JSON Schema and simple field rules; a record that fails"
              + " goes to the quarantine with the rule, the field path and the reason.",
          ConfigField.of(SCHEMA, FieldType.ANY)
              .describe(
                  "A JSON Schema (draft 2020-12) written inline as a mapping, or the path of a"
                      + " .json schema file relative to the pipeline file.")
              .example("schemas/post.schema.json"),
          ConfigField.of(RULES, FieldType.LIST)
              .describe(
                  "Field rules, each {field, rule, ...}: not_null; not_empty; range (min and/or"
                      + " max, inclusive); regex (pattern, whole value unless anchored with ^ or"
                      + " $); allowed (values); not_in_future (tolerance, default 5m: a time in"
                      + " epoch seconds/millis or ISO-8601 no later than now plus the"
                      + " tolerance). Any rule may carry when: {field: value or [values]} to check"
                      + " only matching records. A field starting with '/' is a JSON Pointer.")
              .example(
                  List.of(
                      ordered("field", "score", "rule", "range", "min", 0),
                      ordered("field", "id", "rule", "not_null"))));

  /** A map in the order written, so generated docs are stable (Map.of's order is not). */
  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The parsed configuration.
   *
   * @param schema the schema check, if a schema was given
   * @param rules the rules in the order written
   */
  record Parsed(Optional<SchemaCheck> schema, List<Rule> rules) {}

  private ValidateSettings() {}

  /**
   * Parses and checks the configuration.
   *
   * @param baseDir where a schema file path is resolved
   * @throws ConfigException listing every problem
   */
  static Parsed parse(Config config, Path baseDir, ObjectMapper mapper, java.time.Clock clock) {
    List<ConfigProblem> problems = new ArrayList<>();
    SchemaCheck schema = null;
    if (config.has(SCHEMA)) {
      JsonNode node = schemaNode(config.raw(SCHEMA), baseDir, mapper, problems);
      if (node != null) {
        schema = SchemaCheck.build(mapper, node, SCHEMA, problems);
      }
    }
    List<Rule> rules = new ArrayList<>();
    if (config.raw(RULES) instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Rule rule = rule(list.get(i), RULES + "[" + i + "]", clock, problems);
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    if (problems.isEmpty() && schema == null && rules.isEmpty()) {
      problems.add(
          ConfigProblem.at(
              null, null, "give 'schema' or 'rules' (or both); this validate step checks nothing"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Parsed(Optional.ofNullable(schema), List.copyOf(rules));
  }

  private static JsonNode schemaNode(
      Object raw, Path baseDir, ObjectMapper mapper, List<ConfigProblem> problems) {
    if (raw instanceof Map<?, ?> || raw instanceof Boolean) {
      return mapper.valueToTree(raw);
    }
    if (!(raw instanceof String name)) {
      problems.add(
          ConfigProblem.at(
              SCHEMA,
              raw,
              "'schema' must be a mapping (an inline JSON Schema) or the path of a .json file"));
      return null;
    }
    Path file =
        (baseDir == null ? Path.of("") : baseDir).resolve(name).toAbsolutePath().normalize();
    try {
      return mapper.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      problems.add(
          ConfigProblem.at(
              SCHEMA,
              name,
              String.format(
                  "schema file %s is not valid JSON at line %d, column %d: %s",
                  file,
                  e.getLocation().getLineNr(),
                  e.getLocation().getColumnNr(),
                  e.getOriginalMessage())));
    } catch (NoSuchFileException e) {
      problems.add(
          ConfigProblem.at(
              SCHEMA,
              name,
              "schema file "
                  + file
                  + " does not exist; the path is relative to the pipeline file's directory"));
    } catch (AccessDeniedException e) {
      problems.add(ConfigProblem.at(SCHEMA, name, "schema file " + file + " is not readable"));
    } catch (IOException e) {
      problems.add(
          ConfigProblem.at(
              SCHEMA, name, "cannot read schema file " + file + ": " + e.getMessage()));
    }
    return null;
  }

  private static Rule rule(
      Object raw, String at, java.time.Clock clock, List<ConfigProblem> problems) {
    if (!(raw instanceof Map<?, ?> m)) {
      problems.add(
          ConfigProblem.at(
              at, raw, "each rule must be a mapping like {field: score, rule: not_null}"));
      return null;
    }
    int before = problems.size();
    FieldRef field = null;
    Object f = m.get("field");
    if (!(f instanceof String fs) || fs.isBlank() || fs.equals("/")) {
      problems.add(
          ConfigProblem.at(
              at + ".field", f, "'field' must name a field, e.g. score or /data/score"));
    } else {
      try {
        field = FieldRef.parse(fs);
      } catch (IllegalArgumentException e) {
        problems.add(ConfigProblem.at(at + ".field", fs, e.getMessage()));
      }
    }
    Object name = m.get("rule");
    if (!(name instanceof String ruleName) || !RULE_NAMES.contains(ruleName)) {
      problems.add(
          ConfigProblem.at(
              at + ".rule",
              name,
              name == null
                  ? "'rule' is required: one of " + String.join(", ", RULE_NAMES)
                  : "unknown rule; expected one of " + String.join(", ", RULE_NAMES)));
      return null;
    }
    Set<String> allowedKeys =
        switch (ruleName) {
          case "range" -> Set.of("field", "rule", "min", "max", "when");
          case "regex" -> Set.of("field", "rule", "pattern", "when");
          case "allowed" -> Set.of("field", "rule", "values", "when");
          case "not_in_future" -> Set.of("field", "rule", "tolerance", "when");
          default -> Set.of("field", "rule", "when");
        };
    for (Object key : m.keySet()) {
      if (!allowedKeys.contains(String.valueOf(key))) {
        problems.add(
            ConfigProblem.at(
                at + "." + key,
                null,
                String.format(
                    "unknown key '%s' for rule %s; expected: %s",
                    key, ruleName, String.join(", ", new TreeSet<>(allowedKeys)))));
      }
    }
    Rule rule =
        switch (ruleName) {
          case "not_null" -> new Rule.NotNull(field);
          case "not_empty" -> new Rule.NotEmpty(field);
          case "range" -> range(m, at, field, problems);
          case "regex" -> regex(m, at, field, problems);
          case "not_in_future" -> notInFuture(m, at, field, clock, problems);
          default -> allowed(m, at, field, problems);
        };
    if (m.containsKey("when")) {
      rule = when(m.get("when"), at + ".when", rule, problems);
    }
    return problems.size() == before ? rule : null;
  }

  /** {@code when: {parameter_name: pm25}}: the rule checks only records whose fields match. */
  private static Rule when(Object raw, String at, Rule rule, List<ConfigProblem> problems) {
    if (!(raw instanceof Map<?, ?> m) || m.isEmpty()) {
      problems.add(
          ConfigProblem.at(
              at,
              raw,
              "'when' must map fields to the value (or list of values) a record must have for"
                  + " the rule to apply, e.g. {parameter: pm25}"));
      return rule;
    }
    Map<FieldRef, Rule.Allowed> conditions = new java.util.LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      FieldRef f;
      try {
        f = FieldRef.parse(String.valueOf(e.getKey()));
      } catch (IllegalArgumentException ex) {
        problems.add(ConfigProblem.at(at + "." + e.getKey(), e.getKey(), ex.getMessage()));
        continue;
      }
      List<?> values =
          e.getValue() instanceof List<?> l ? l : java.util.Arrays.asList(e.getValue());
      conditions.put(f, Rule.Allowed.of(f, values));
    }
    return rule == null ? null : new Rule.When(rule, Map.copyOf(conditions));
  }

  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile("(\\d+)\\s*(s|m|h|d)");

  private static Rule notInFuture(
      Map<?, ?> m, String at, FieldRef field, java.time.Clock clock, List<ConfigProblem> problems) {
    Object t = m.containsKey("tolerance") ? m.get("tolerance") : "5m";
    java.util.regex.Matcher mt = DURATION.matcher(String.valueOf(t).trim());
    if (!mt.matches()) {
      problems.add(
          ConfigProblem.at(at + ".tolerance", t, "must be a duration like 30s, 5m, 2h or 1d"));
      return null;
    }
    long n = Long.parseLong(mt.group(1));
    java.time.Duration d =
        switch (mt.group(2)) {
          case "s" -> java.time.Duration.ofSeconds(n);
          case "m" -> java.time.Duration.ofMinutes(n);
          case "h" -> java.time.Duration.ofHours(n);
          default -> java.time.Duration.ofDays(n);
        };
    return new Rule.NotInFuture(field, clock, d);
  }

  private static Rule range(Map<?, ?> m, String at, FieldRef field, List<ConfigProblem> problems) {
    Object min = m.get("min");
    Object max = m.get("max");
    if (min == null && max == null) {
      problems.add(ConfigProblem.at(at, null, "rule range needs 'min', 'max' or both"));
      return null;
    }
    boolean ok = true;
    for (String key : List.of("min", "max")) {
      Object v = m.get(key);
      if (v != null && !(v instanceof Number)) {
        problems.add(ConfigProblem.at(at + "." + key, v, "'" + key + "' must be a number"));
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    if (min != null && max != null && Values.compare((Number) min, (Number) max) > 0) {
      problems.add(
          ConfigProblem.at(
              at + ".min",
              min,
              String.format("'min' (%s) must not be greater than 'max' (%s)", min, max)));
      return null;
    }
    return new Rule.Range(field, (Number) min, (Number) max);
  }

  private static Rule regex(Map<?, ?> m, String at, FieldRef field, List<ConfigProblem> problems) {
    Object p = m.get("pattern");
    if (!(p instanceof String pattern) || pattern.isEmpty()) {
      problems.add(
          ConfigProblem.at(at + ".pattern", p, "rule regex needs 'pattern', a regular expression"));
      return null;
    }
    try {
      return Rule.Regex.of(field, Pattern.compile(pattern));
    } catch (PatternSyntaxException e) {
      problems.add(
          ConfigProblem.at(
              at + ".pattern",
              pattern,
              String.format(
                  "invalid regular expression: %s near index %d",
                  e.getDescription(), e.getIndex())));
      return null;
    }
  }

  private static Rule allowed(
      Map<?, ?> m, String at, FieldRef field, List<ConfigProblem> problems) {
    Object v = m.get("values");
    if (!(v instanceof List<?> values) || values.isEmpty()) {
      problems.add(
          ConfigProblem.at(
              at + ".values", v, "rule allowed needs 'values', a non-empty list of values"));
      return null;
    }
    for (Object value : values) {
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        problems.add(
            ConfigProblem.at(
                at + ".values",
                value,
                "'values' must hold plain values (text, numbers, booleans)"));
        return null;
      }
    }
    return Rule.Allowed.of(field, values);
  }
}
