package io.tributary.engine.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated pipeline file.
 *
 * @param name the pipeline's name ({@code [a-z][a-z0-9_-]*})
 * @param file the file it was loaded from (absolute), or {@code null} when built in code
 * @param source where records come from
 * @param process the processor steps, in order
 * @param store where records go
 * @param schedule when it runs; {@code null} for manual runs only
 * @param alerts alert rules, as written (validated by the alerting module)
 * @param quality quality settings, as written
 * @param after names of pipelines that must succeed before this one runs
 * @param exports files written from stream tables after each run
 * @param secrets the values of every secret field after interpolation, so that every output can
 *     scrub them (never print this set)
 */
public record PipelineConfig(
    String name,
    Path file,
    SourceConfig source,
    List<StepConfig> process,
    StoreConfig store,
    ScheduleConfig schedule,
    List<Map<String, Object>> alerts,
    Map<String, Object> quality,
    List<String> after,
    java.util.Set<String> secrets,
    List<ExportConfig> exports) {

  /** A pipeline without exports. */
  public PipelineConfig(
      String name,
      Path file,
      SourceConfig source,
      List<StepConfig> process,
      StoreConfig store,
      ScheduleConfig schedule,
      List<Map<String, Object>> alerts,
      Map<String, Object> quality,
      List<String> after,
      java.util.Set<String> secrets) {
    this(name, file, source, process, store, schedule, alerts, quality, after, secrets, List.of());
  }

  public PipelineConfig {
    exports = exports == null ? List.of() : List.copyOf(exports);
    process = process == null ? List.of() : List.copyOf(process);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
    quality = quality == null ? Map.of() : quality;
    after = after == null ? List.of() : List.copyOf(after);
    secrets = secrets == null ? java.util.Set.of() : java.util.Set.copyOf(secrets);
  }

  /** Shows everything but the secret values (only their number). */
  @Override
  public String toString() {
    return "PipelineConfig[name="
        + name
        + ", file="
        + file
        + ", source="
        + source
        + ", process="
        + process
        + ", store="
        + store
        + ", schedule="
        + schedule
        + ", after="
        + after
        + ", secrets=<"
        + secrets.size()
        + " masked>]";
  }

  /** The directory relative paths resolve against. */
  public Path baseDir() {
    return file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
  }
}
