package io.tributary.app;

import io.tributary.alerts.AlertEvent;
import io.tributary.alerts.Alerting;
import io.tributary.alerts.PipelineAlerts;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.schedule.RunEventSink;
import io.tributary.engine.schedule.RunFinished;
import io.tributary.engine.schedule.SchedulerEvent;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Feeds the alert engine: finished runs with the rules of the pipeline that ran, and scheduler
 * events as {@link AlertEvent}s for {@code event} rules (see {@link #toAlertEvent}). Returns at
 * once: the alert engine queues its own work.
 */
public final class AlertingSink implements RunEventSink {
  private final Alerting alerting;
  private final Supplier<Map<String, PipelineConfig>> pipelines;

  public AlertingSink(Alerting alerting, Supplier<Map<String, PipelineConfig>> pipelines) {
    this.alerting = alerting;
    this.pipelines = pipelines;
  }

  @Override
  public void runFinished(RunFinished event) {
    PipelineConfig p = pipelines.get().get(event.run().pipeline());
    if (p == null) {
      alerting.onRunFinished(event.run());
    } else {
      alerting.onRunFinished(new PipelineAlerts(p.name(), p.alerts(), p.secrets()), event.run());
    }
  }

  @Override
  public void schedulerEvent(SchedulerEvent event) {
    alerting.onEvent(toAlertEvent(event));
  }

  /**
   * The alert event a scheduler event becomes. Its type is the event's name in snake case ({@code
   * pipeline_invalid}, {@code pipeline_loaded}, {@code pipeline_removed}, {@code tick_skipped},
   * {@code caught_up}, {@code retry_scheduled}, {@code run_not_started}, {@code
   * dependency_problem}); events about a pipeline file carry the file's name as the source, so an
   * invalid file and its later successful load concern the same subject even when the file never
   * had a valid version (no pipeline name). Problem texts and errors are not copied: they may quote
   * configuration values.
   */
  public static AlertEvent toAlertEvent(SchedulerEvent event) {
    return switch (event) {
      case SchedulerEvent.PipelineInvalid e ->
          new AlertEvent(
              "pipeline_invalid",
              e.pipeline(),
              fileName(e.file()),
              null,
              e.at(),
              Map.of("problems", e.problems().size(), "kept_previous", e.keptPrevious()));
      case SchedulerEvent.PipelineLoaded e ->
          new AlertEvent(
              "pipeline_loaded",
              e.pipeline(),
              fileName(e.file()),
              null,
              e.at(),
              Map.of("changed", e.changed()));
      case SchedulerEvent.PipelineRemoved e ->
          new AlertEvent(
              "pipeline_removed", e.pipeline(), fileName(e.file()), null, e.at(), Map.of());
      case SchedulerEvent.TickSkipped e ->
          new AlertEvent("tick_skipped", e.pipeline(), null, null, e.at(), Map.of());
      case SchedulerEvent.CaughtUp e ->
          new AlertEvent(
              "caught_up",
              e.pipeline(),
              null,
              null,
              e.at(),
              Map.of("missed", e.missed(), "runs", e.runs()));
      case SchedulerEvent.RetryScheduled e ->
          new AlertEvent(
              "retry_scheduled", e.pipeline(), null, null, e.at(), Map.of("retry", e.retry()));
      case SchedulerEvent.RunNotStarted e ->
          new AlertEvent("run_not_started", e.pipeline(), null, null, e.at(), Map.of());
      case SchedulerEvent.DependencyProblem e ->
          new AlertEvent("dependency_problem", e.pipeline(), null, null, e.at(), Map.of());
    };
  }

  private static String fileName(Path file) {
    return file == null || file.getFileName() == null ? null : file.getFileName().toString();
  }
}
