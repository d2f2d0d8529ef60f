package io.tributary.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.alerts.internal.ChannelType;
import io.tributary.alerts.internal.ConfigReader;
import io.tributary.alerts.internal.Reference;
import io.tributary.alerts.internal.RuleType;
import io.tributary.alerts.internal.Specs;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.ConfigSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The global alerting configuration: named channels, defaults, rules for every pipeline and
 * delivery settings, read from one YAML file (see {@code docs/alerting.md}). Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * AlertingConfig config = AlertingConfig.load(Path.of("alerts.yaml"), System.getenv());
 * List<ConfigProblem> problems = config.validate(new PipelineAlerts(name, rules, secrets));
 * }</pre>
 */
public final class AlertingConfig {
  private static final Pattern VAR =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final AlertingConfig EMPTY = new AlertingConfig(ConfigReader.Global.EMPTY);

  private final ConfigReader.Global global;

  private AlertingConfig(ConfigReader.Global global) {
    this.global = global;
  }

  /** No channels, no global rules, default delivery settings. */
  public static AlertingConfig empty() {
    return EMPTY;
  }

  /**
   * Reads the YAML file {@code file}, replacing {@code ${VAR}} and {@code ${VAR:-default}} in
   * strings from {@code env}; every value put in this way counts as a secret.
   *
   * @throws ConfigException listing every problem, each located at the file
   */
  public static AlertingConfig load(Path file, Map<String, String> env) {
    String where = file.toString();
    Object root;
    try {
      root = new YAMLMapper().readValue(Files.readString(file), Object.class);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  where, null, null, "the alerts file does not exist; create it or fix the path")));
    } catch (JsonProcessingException e) {
      String loc =
          e.getLocation() == null
              ? where
              : where + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
      throw new ConfigException(
          List.of(new ConfigProblem(loc, null, null, "not valid YAML: " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the alerts file " + file + ": " + e, e);
    }
    if (root != null && !(root instanceof Map<?, ?>)) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  where,
                  null,
                  null,
                  "the alerts file must be a mapping with 'channels', 'defaults', 'rules' and"
                      + " 'delivery'")));
    }
    List<ConfigProblem> problems = new ArrayList<>();
    Set<String> secrets = new LinkedHashSet<>();
    Object interpolated = interpolate(root, "", env, secrets, problems);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = interpolated == null ? Map.of() : (Map<String, Object>) interpolated;
    ConfigReader.Global g = ConfigReader.readGlobal(map, secrets, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.stream().map(p -> p.withLocation(where)).toList());
    }
    return new AlertingConfig(g);
  }

  /**
   * Reads an already parsed (and interpolated) global file.
   *
   * @param secrets secret values to scrub besides the channels' secret fields
   * @throws ConfigException listing every problem
   */
  public static AlertingConfig parse(Map<String, Object> root, Set<String> secrets) {
    List<ConfigProblem> problems = new ArrayList<>();
    ConfigReader.Global g =
        ConfigReader.readGlobal(root, secrets == null ? Set.of() : secrets, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new AlertingConfig(g);
  }

  /** Every problem of a global file's content, with paths such as {@code rules[0].max_age}. */
  public static List<ConfigProblem> validate(Map<String, Object> root) {
    List<ConfigProblem> problems = new ArrayList<>();
    ConfigReader.readGlobal(root, Set.of(), problems);
    return problems;
  }

  /**
   * Every problem of a pipeline's {@code alerts:} list against this configuration (unknown channels
   * included), with paths such as {@code alerts[1].threshold}.
   */
  public List<ConfigProblem> validate(PipelineAlerts pipeline) {
    List<ConfigProblem> problems = new ArrayList<>();
    ConfigReader.readPipeline(
        pipeline.name(), pipeline.rules(), pipeline.secrets(), global, problems);
    return problems;
  }

  /** The names of the channels rules may refer to. */
  public Set<String> channelNames() {
    return new TreeSet<>(global.channels().keySet());
  }

  /** How many global rules there are (enabled ones). */
  public int ruleCount() {
    return global.rules().size();
  }

  ConfigReader.Global global() {
    return global;
  }

  /** The declaration of a rule type's settings (for schemas and docs). */
  public static ConfigSpec ruleSpec(String type, boolean inGlobalFile) {
    return Specs.rule(
        RuleType.fromWire(type)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "rule type must be one of "
                            + String.join(", ", RuleType.wires())
                            + " (was: "
                            + type
                            + ")")),
        inGlobalFile);
  }

  /** The declaration of a channel type's settings (for schemas and docs). */
  public static ConfigSpec channelSpec(String type) {
    return Specs.channel(
        ChannelType.fromWire(type)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "channel type must be one of "
                            + String.join(", ", ChannelType.wires())
                            + " (was: "
                            + type
                            + ")")));
  }

  /** The reference of rules, channels and settings in Markdown, generated from the declarations. */
  public static String referenceMarkdown() {
    return Reference.markdown();
  }

  private static Object interpolate(
      Object v,
      String path,
      Map<String, String> env,
      Set<String> secrets,
      List<ConfigProblem> problems) {
    if (v instanceof String s) {
      return interpolateString(s, path, env, secrets, problems);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach(
          (k, x) -> {
            String key = String.valueOf(k);
            out.put(
                key,
                interpolate(x, path.isEmpty() ? key : path + "." + key, env, secrets, problems));
          });
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        out.add(interpolate(l.get(i), path + "[" + i + "]", env, secrets, problems));
      }
      return out;
    }
    return v;
  }

  private static String interpolateString(
      String s,
      String path,
      Map<String, String> env,
      Set<String> secrets,
      List<ConfigProblem> problems) {
    if (!s.contains("${")) {
      return s;
    }
    Matcher m = VAR.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = env.get(name);
      if (value == null || value.isEmpty()) {
        value = m.group(2);
      }
      if (value == null) {
        problems.add(
            ConfigProblem.at(
                path,
                null,
                "environment variable '"
                    + name
                    + "' is not set; set it or write ${"
                    + name
                    + ":-default}"));
        value = "";
      } else {
        secrets.add(value);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    String out = sb.toString();
    if (!out.equals(s)) {
      secrets.add(out);
    }
    return out;
  }
}
