package io.tributary.engine.schedule;

import java.time.Instant;

/**
 * What the scheduler remembers about one pipeline across restarts.
 *
 * @param paused whether scheduled, retry and dependency runs are held back
 * @param scheduleKey the {@link Schedule#describe()} of the schedule {@code since} refers to; when
 *     the schedule changes, missed fire times of the old one are not made up
 * @param since fire times up to and including this instant have been handled
 * @param lastFireAt the last fire time that started (or tried to start) a run, or {@code null}
 * @param lastRunAt when the pipeline's last run started (any trigger), or {@code null}
 * @param lastSuccessAt when its last successful run finished, or {@code null}
 * @param lastStatus the last run's status ({@code succeeded}, ...), or {@code null}
 * @param consecutiveFailures failed runs in a row
 * @param retry the number of the pending retry (1 = first retry), 0 when none is pending
 * @param retryAt when the pending retry starts, or {@code null}
 * @param override settings made through the API
 */
public record JobState(
    boolean paused,
    String scheduleKey,
    Instant since,
    Instant lastFireAt,
    Instant lastRunAt,
    Instant lastSuccessAt,
    String lastStatus,
    int consecutiveFailures,
    int retry,
    Instant retryAt,
    JobOverride override) {

  public JobState {
    override = override == null ? JobOverride.NONE : override;
  }

  /** The state of a job seen for the first time at {@code now}. */
  public static JobState fresh(Instant now) {
    return new JobState(false, null, now, null, null, null, null, 0, 0, null, JobOverride.NONE);
  }
}
