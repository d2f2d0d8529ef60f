package io.tributary.engine.schedule;

import java.time.Duration;
import java.util.Map;

/**
 * Limits and defaults of a {@link Scheduler}.
 *
 * @param maxConcurrentRuns runs that may execute at once, over all pipelines
 * @param maxRunsPerSource runs that may execute at once per connector (e.g. all pipelines reading
 *     {@code reddit}), unless {@code sourceLimits} names the connector
 * @param sourceLimits per-connector limits that replace {@code maxRunsPerSource}
 * @param retry how failed runs are retried unless a job overrides the number of retries
 * @param catchUpMax the most missed runs {@code run_all} makes up unless a job overrides it
 * @param misfireGrace a fire time late by less than this fires normally (it is not "missed")
 * @param reloadEvery how often the pipelines directory is checked for changes; {@code null} or
 *     zero: only when {@link Scheduler#reload()} is called
 * @param shutdownGrace how long {@link Scheduler#close()} waits for cancelled runs to finish their
 *     current batch
 */
public record SchedulerSettings(
    int maxConcurrentRuns,
    int maxRunsPerSource,
    Map<String, Integer> sourceLimits,
    RetryPolicy retry,
    int catchUpMax,
    Duration misfireGrace,
    Duration reloadEvery,
    Duration shutdownGrace) {

  public SchedulerSettings {
    if (maxConcurrentRuns < 1) {
      throw new IllegalArgumentException(
          "the maximum of concurrent runs must be at least 1 but was " + maxConcurrentRuns);
    }
    if (maxRunsPerSource < 1) {
      throw new IllegalArgumentException(
          "the maximum of concurrent runs per source must be at least 1 but was "
              + maxRunsPerSource);
    }
    sourceLimits = sourceLimits == null ? Map.of() : Map.copyOf(sourceLimits);
    retry = retry == null ? RetryPolicy.DEFAULT : retry;
    if (catchUpMax < 1) {
      throw new IllegalArgumentException("catch_up_max must be at least 1 but was " + catchUpMax);
    }
    misfireGrace = misfireGrace == null ? Duration.ofMinutes(1) : misfireGrace;
    reloadEvery = reloadEvery == null ? Duration.ZERO : reloadEvery;
    shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(30) : shutdownGrace;
  }

  /**
   * Four runs at once, two per source, default retries, up to 10 catch-up runs, one minute of
   * grace, reloads every 2 seconds, 30 seconds to shut down.
   */
  public static SchedulerSettings defaults() {
    return new SchedulerSettings(
        4,
        2,
        Map.of(),
        RetryPolicy.DEFAULT,
        CatchUp.DEFAULT_MAX,
        Duration.ofMinutes(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(30));
  }

  public SchedulerSettings withConcurrency(int global, int perSource) {
    return new SchedulerSettings(
        global,
        perSource,
        sourceLimits,
        retry,
        catchUpMax,
        misfireGrace,
        reloadEvery,
        shutdownGrace);
  }

  public SchedulerSettings withSourceLimits(Map<String, Integer> limits) {
    return new SchedulerSettings(
        maxConcurrentRuns,
        maxRunsPerSource,
        limits,
        retry,
        catchUpMax,
        misfireGrace,
        reloadEvery,
        shutdownGrace);
  }

  public SchedulerSettings withRetry(RetryPolicy r) {
    return new SchedulerSettings(
        maxConcurrentRuns,
        maxRunsPerSource,
        sourceLimits,
        r,
        catchUpMax,
        misfireGrace,
        reloadEvery,
        shutdownGrace);
  }

  public SchedulerSettings withReloadEvery(Duration d) {
    return new SchedulerSettings(
        maxConcurrentRuns,
        maxRunsPerSource,
        sourceLimits,
        retry,
        catchUpMax,
        misfireGrace,
        d,
        shutdownGrace);
  }

  public SchedulerSettings withShutdownGrace(Duration d) {
    return new SchedulerSettings(
        maxConcurrentRuns,
        maxRunsPerSource,
        sourceLimits,
        retry,
        catchUpMax,
        misfireGrace,
        reloadEvery,
        d);
  }

  /** The limit for one connector. */
  int limitFor(String source) {
    return sourceLimits.getOrDefault(source, maxRunsPerSource);
  }
}
