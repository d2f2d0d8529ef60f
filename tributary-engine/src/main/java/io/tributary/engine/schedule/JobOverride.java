package io.tributary.engine.schedule;

import io.tributary.engine.config.ScheduleConfig;

/**
 * Settings for one job made through the API rather than the pipeline file; persisted with the job's
 * state so that they survive restarts and file reloads.
 *
 * @param schedule a schedule that replaces the file's, or {@code null} to keep the file's
 * @param manual {@code true} to run only when triggered, whatever the file says
 * @param priority the job's priority, or {@code null} for normal
 * @param maxRetries retries after a failure, or {@code null} for the scheduler's default
 * @param catchUpMax the most missed runs {@code run_all} makes up, or {@code null} for the default
 */
public record JobOverride(
    ScheduleConfig schedule,
    boolean manual,
    Priority priority,
    Integer maxRetries,
    Integer catchUpMax) {

  public static final JobOverride NONE = new JobOverride(null, false, null, null, null);

  public boolean isEmpty() {
    return this.equals(NONE);
  }
}
