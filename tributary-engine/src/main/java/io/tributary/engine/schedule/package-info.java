/**
 * Runs pipelines on their schedules, unattended.
 *
 * <pre>{@code
 * PipelineDirectory dir = new PipelineDirectory(Path.of("pipelines"), loader::load);
 * try (Scheduler scheduler =
 *     Scheduler.builder(dir, runner::run, new JsonFileScheduleStateStore(dataDir.resolve("schedules.json"), clock), clock)
 *         .settings(SchedulerSettings.defaults())
 *         .sink(alerts)            // a RunEventSink: finished runs and scheduler events
 *         .listener(metrics)       // a RunListener: live progress
 *         .build()) {
 *   scheduler.start();             // loads the directory, starts the loop thread
 *   ...
 * }                                // close(): cancel, let runs finish their batch, persist
 * }</pre>
 *
 * <p>Public: {@link io.tributary.engine.schedule.Scheduler} and its settings, {@link
 * io.tributary.engine.schedule.Schedule} (cron with DST rules, every, at, manual), {@link
 * io.tributary.engine.schedule.CatchUp}, {@link io.tributary.engine.schedule.Priority}, {@link
 * io.tributary.engine.schedule.RetryPolicy}, {@link io.tributary.engine.schedule.PipelineDirectory}
 * (reload with validation), the state store interface and its JSON-file implementation, the {@link
 * io.tributary.engine.schedule.RunEventSink} hook with its events, and the snapshot records the API
 * shows ({@link io.tributary.engine.schedule.JobView}, {@link
 * io.tributary.engine.schedule.LiveRun}).
 */
package io.tributary.engine.schedule;
