package io.tributary.engine.config;

import io.tributary.engine.Plugins;
import io.tributary.engine.config.Problems.Pos;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.store.TableRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and validates pipeline files.
 *
 * <pre>{@code
 * PipelineLoader loader = new PipelineLoader(plugins, System.getenv());
 * PipelineConfig pipeline = loader.load(Path.of("pipelines/reddit.yaml")); // or ConfigException
 * List<ConfigProblem> problems = loader.validate(Path.of("pipelines/reddit.yaml"));
 * }</pre>
 *
 * <p>A load reads the YAML file, interpolates {@code ${VAR}} and {@code ${VAR:-default}} in string
 * values from the environment given here overlaid on the {@code .env} file next to the pipeline
 * file (the given environment wins; {@code $${} writes a literal {@code ${}), checks the whole file
 * against the pipeline declaration and every plugin's spec, and reports <em>every</em> problem
 * found, each located as {@code file:line:column} (the file as the caller named it) with its key
 * path and the offending value (masked for secret fields).
 *
 * <p>Instances are immutable and thread-safe; each call reads the files anew.
 */
public final class PipelineLoader {
  /** Variables whose values are scrubbed like secrets wherever they are interpolated. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY|PRIVATE|CREDENTIAL|WEBHOOK).*");

  /** Pipeline files are small; a bigger file is almost certainly the wrong path. */
  private static final long MAX_FILE_BYTES = 1 << 20;

  private final Plugins plugins;
  private final Map<String, String> environment;

  /**
   * @param plugins the connectors and processors pipelines may name
   * @param environment the process environment (usually {@link System#getenv()}); it takes
   *     precedence over {@code .env} files
   */
  public PipelineLoader(Plugins plugins, Map<String, String> environment) {
    this.plugins = Objects.requireNonNull(plugins, "plugins");
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /**
   * Loads a pipeline file.
   *
   * @param file the pipeline file; problems name it as given (relative stays relative)
   * @return the validated pipeline, with {@link PipelineConfig#file()} absolute
   * @throws ConfigException carrying every problem found when the file is unreadable or invalid
   */
  public PipelineConfig load(Path file) {
    Loaded loaded = run(file);
    if (!loaded.problems().isEmpty()) {
      throw new ConfigException(loaded.problems());
    }
    return loaded.config();
  }

  /**
   * Checks a pipeline file without throwing.
   *
   * @return every problem found, sorted by position; empty when the file is valid
   */
  public List<ConfigProblem> validate(Path file) {
    return run(file).problems();
  }

  /**
   * Checks pipeline text that is not (yet) a file, e.g. sent to an API. Only the environment given
   * to the constructor is used (no {@code .env}).
   *
   * @param name what problems name as the file, e.g. {@code request}
   * @param yaml the pipeline's YAML text
   */
  public List<ConfigProblem> validate(String name, String yaml) {
    Problems problems = new Problems();
    return check(yaml, name, null, environment, problems).problems();
  }

  private record Loaded(PipelineConfig config, List<ConfigProblem> problems) {}

  private Loaded run(Path file) {
    Objects.requireNonNull(file, "file");
    String shown = file.toString();
    Problems problems = new Problems();
    String text = read(file, shown, problems);
    if (text == null) {
      return new Loaded(null, problems.toConfigProblems(Set.of(), Set.of()));
    }
    Map<String, String> env = new HashMap<>(dotEnv(file, problems));
    env.putAll(environment);
    return check(text, shown, file.toAbsolutePath().normalize(), env, problems);
  }

  private Loaded check(
      String text, String shown, Path absolute, Map<String, String> env, Problems problems) {
    YamlDocument doc = YamlDocument.parse(text, shown, new Interpolator(env), problems);
    PipelineChecker checker = new PipelineChecker(plugins, doc, problems, shown);
    Map<String, Object> root = doc.failed() ? null : checker.checkRoot(PipelineDecl.root(plugins));

    Set<String> secrets = new LinkedHashSet<>(checker.secretValues());
    for (Map.Entry<String, List<String>> e : doc.allVariables().entrySet()) {
      boolean secretVariable =
          e.getValue().stream().anyMatch(v -> SECRET_NAME.matcher(v).matches());
      String value = doc.interpolatedText(e.getKey());
      if (secretVariable && value != null && !value.isEmpty()) {
        secrets.add(value);
      }
    }
    if (root != null) {
      crossCheck(root, doc, problems, shown);
    }
    List<ConfigProblem> found = problems.toConfigProblems(checker.secretPaths(), secrets);
    if (!found.isEmpty() || root == null) {
      return new Loaded(null, found);
    }
    return new Loaded(bind(root, absolute, secrets), List.of());
  }

  /** Checks that span keys: a pipeline may not run after itself. */
  @SuppressWarnings("unchecked")
  private static void crossCheck(
      Map<String, Object> root, YamlDocument doc, Problems problems, String shown) {
    Object name = root.get("name");
    List<Object> after = (List<Object>) root.getOrDefault("after", List.of());
    for (int i = 0; i < after.size(); i++) {
      if (name != null && name.equals(after.get(i))) {
        String path = YamlDocument.item("after", i);
        problems.addIfFirst(
            shown,
            doc.valuePos(path),
            path,
            String.valueOf(name),
            "a pipeline cannot run after itself; remove '" + name + "' from 'after'");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static PipelineConfig bind(Map<String, Object> root, Path file, Set<String> secrets) {
    String name = (String) root.get("name");
    Map<String, Object> source = (Map<String, Object>) root.get("source");
    List<StreamSelection> streams = new ArrayList<>();
    for (Object s : (List<Object>) source.getOrDefault("streams", List.of())) {
      if (s instanceof Map<?, ?> m) {
        Object key = m.get("primary_key");
        List<String> primaryKey =
            key == null
                ? List.of()
                : key instanceof List<?> l ? (List<String>) l : List.of((String) key);
        streams.add(
            new StreamSelection(
                (String) m.get("name"), primaryKey, (String) m.get("cursor_field")));
      } else {
        streams.add(StreamSelection.named((String) s));
      }
    }
    Map<String, Object> connectorConfig = (Map<String, Object>) source.get("config");
    SourceConfig sourceConfig =
        new SourceConfig(
            (String) source.get("connector"),
            connectorConfig == null ? Frozen.masked(Map.of(), Set.of()) : connectorConfig,
            streams,
            file == null ? List.of() : manifestPaths(source.get("manifests"), file));

    List<StepConfig> steps = (List<StepConfig>) (List<?>) root.getOrDefault("process", List.of());

    Map<String, Object> store = (Map<String, Object>) root.getOrDefault("store", Map.of());
    StoreConfig storeConfig =
        new StoreConfig(
            (String) store.getOrDefault("type", PipelineDecl.STORE_DUCKDB),
            (String) store.getOrDefault("schema", TableRef.sanitize(name)),
            ((Number) store.getOrDefault("batch_size", PipelineDecl.DEFAULT_BATCH_SIZE)).intValue(),
            ((Number) store.getOrDefault("flush_ms", PipelineDecl.DEFAULT_FLUSH_MS)).longValue(),
            ((Number) store.getOrDefault("max_quarantine", 0L)).longValue());

    Map<String, Object> schedule = (Map<String, Object>) root.get("schedule");
    ScheduleConfig scheduleConfig =
        schedule == null
            ? null
            : new ScheduleConfig(
                (String) schedule.get("cron"),
                (String) schedule.get("every"),
                (String) schedule.get("at"),
                (String) schedule.getOrDefault("timezone", PipelineDecl.DEFAULT_TIMEZONE),
                (String) schedule.getOrDefault("catch_up", PipelineDecl.DEFAULT_CATCH_UP));

    List<Map<String, Object>> alerts =
        (List<Map<String, Object>>) (List<?>) root.getOrDefault("alerts", List.of());
    Map<String, Object> quality = (Map<String, Object>) root.getOrDefault("quality", Map.of());
    List<String> after = (List<String>) (List<?>) root.getOrDefault("after", List.of());
    List<ExportConfig> exports = new java.util.ArrayList<>();
    for (Object e : (List<?>) root.getOrDefault("exports", List.of())) {
      Map<String, Object> m = (Map<String, Object>) e;
      Path base = file.toAbsolutePath().getParent();
      exports.add(
          new ExportConfig(
              (String) m.get("stream"),
              (String) m.getOrDefault("format", "csv"),
              base.resolve((String) m.get("path")).normalize()));
    }
    return new PipelineConfig(
        name,
        file,
        sourceConfig,
        steps,
        storeConfig,
        scheduleConfig,
        alerts,
        quality,
        after,
        secrets,
        exports);
  }

  /**
   * The connector manifest paths a pipeline file names in {@code source.manifests}, absolute. The
   * connectors found there must be known before the file can be checked (its {@code
   * source.connector} may name one), so this reads just that key, interpolated like the rest, and
   * ignores every problem: {@link #load} and {@link #validate} report those.
   *
   * @param file the pipeline file
   * @param environment the process environment; it takes precedence over the {@code .env} file
   * @return the named files and folders, resolved against the pipeline file's directory; empty when
   *     the file names none or cannot be read
   */
  public static List<Path> declaredManifests(Path file, Map<String, String> environment) {
    Problems ignored = new Problems();
    String text = read(file, file.toString(), ignored);
    if (text == null || !text.contains("manifests")) {
      return List.of();
    }
    Map<String, String> env = new HashMap<>(dotEnv(file, ignored));
    env.putAll(environment);
    YamlDocument doc = YamlDocument.parse(text, file.toString(), new Interpolator(env), ignored);
    if (doc.failed()
        || !(doc.root() instanceof Map<?, ?> root)
        || !(root.get("source") instanceof Map<?, ?> source)) {
      return List.of();
    }
    return manifestPaths(source.get("manifests"), file.toAbsolutePath().normalize());
  }

  private static List<Path> manifestPaths(Object declared, Path file) {
    List<?> names =
        declared instanceof List<?> l ? l : declared == null ? List.of() : List.of(declared);
    Path base = file.getParent();
    List<Path> out = new ArrayList<>();
    for (Object name : names) {
      if (name instanceof String s && !s.isBlank()) {
        out.add(base.resolve(s).normalize());
      }
    }
    return List.copyOf(out);
  }

  private static String read(Path file, String shown, Problems problems) {
    try {
      if (Files.isDirectory(file)) {
        problems.add(
            shown,
            Pos.FILE,
            null,
            null,
            "'" + shown + "' is a directory; name a pipeline file (.yaml)");
        return null;
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        problems.add(
            shown,
            Pos.FILE,
            null,
            null,
            "'" + shown + "' is larger than 1 MiB, which no pipeline file needs; check the path");
        return null;
      }
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      problems.add(
          shown,
          Pos.FILE,
          null,
          null,
          "pipeline file '" + shown + "' does not exist; check the path");
    } catch (AccessDeniedException e) {
      problems.add(
          shown,
          Pos.FILE,
          null,
          null,
          "pipeline file '" + shown + "' cannot be read (permission denied); make it readable");
    } catch (CharacterCodingException e) {
      problems.add(
          shown,
          Pos.FILE,
          null,
          null,
          "pipeline file '" + shown + "' is not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      problems.add(
          shown,
          Pos.FILE,
          null,
          null,
          "pipeline file '"
              + shown
              + "' cannot be read ("
              + e.getClass().getSimpleName()
              + "); check the path and permissions");
    }
    return null;
  }

  private static Map<String, String> dotEnv(Path file, Problems problems) {
    Path envFile = file.resolveSibling(".env");
    if (!Files.isRegularFile(envFile)) {
      return Map.of();
    }
    String shown = envFile.toString();
    String text;
    try {
      text = Files.readString(envFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(
          shown,
          Pos.FILE,
          null,
          null,
          "'" + shown + "' cannot be read as UTF-8 text; fix or remove it");
      return Map.of();
    }
    return DotEnv.parse(
        text,
        (line, column, message) -> problems.add(shown, new Pos(line, column), null, null, message));
  }
}
