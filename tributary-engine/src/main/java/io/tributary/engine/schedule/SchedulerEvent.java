package io.tributary.engine.schedule;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Something the scheduler did or refused to do that a human may want to know about (logs, alerts,
 * metrics). Delivered to {@link RunEventSink#schedulerEvent}; never carries a secret.
 */
public sealed interface SchedulerEvent {

  /** When it happened. */
  Instant at();

  /** The pipeline concerned, or {@code null} when a file could not even be named. */
  String pipeline();

  /**
   * A fire time came while the pipeline was still running or queued, so no second run was started.
   *
   * @param slot the fire time that was skipped
   * @param blockingRun the run (or queued ticket) id that was in the way
   */
  record TickSkipped(Instant at, String pipeline, Instant slot, String blockingRun)
      implements SchedulerEvent {}

  /**
   * Fire times were missed while the scheduler was not running; the catch-up policy decided how
   * many runs to start for them.
   */
  record CaughtUp(Instant at, String pipeline, CatchUp.Mode mode, int missed, int runs)
      implements SchedulerEvent {}

  /** A failed run will be retried. */
  record RetryScheduled(Instant at, String pipeline, String runId, int retry, Instant retryAt)
      implements SchedulerEvent {}

  /**
   * A run could not start (its configuration is wrong or the executor failed before recording a
   * run).
   */
  record RunNotStarted(Instant at, String pipeline, String trigger, String error)
      implements SchedulerEvent {}

  /**
   * A pipeline file is invalid.
   *
   * @param pipeline the name the previous valid version had, or {@code null}
   * @param problems every problem, each with file:line:column
   * @param keptPrevious whether the previous valid version stays scheduled
   */
  record PipelineInvalid(
      Instant at, String pipeline, Path file, List<String> problems, boolean keptPrevious)
      implements SchedulerEvent {}

  /** A pipeline file was loaded for the first time or changed. */
  record PipelineLoaded(Instant at, String pipeline, Path file, boolean changed)
      implements SchedulerEvent {}

  /** A pipeline file disappeared; its job is unscheduled (a running run finishes). */
  record PipelineRemoved(Instant at, String pipeline, Path file) implements SchedulerEvent {}

  /** An {@code after} dependency cannot be met: unknown upstream or a cycle. */
  record DependencyProblem(Instant at, String pipeline, String message) implements SchedulerEvent {}
}
