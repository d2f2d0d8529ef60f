package io.tributary.engine.schedule;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one scheduled pipeline.
 *
 * @param pipeline the pipeline's name
 * @param source its connector's name
 * @param kind {@code cron}, {@code every}, {@code at} or {@code manual}
 * @param schedule a human description of the schedule in effect
 * @param overridden whether the schedule or priority was set through the API
 * @param nextFireAt the next fire time, or {@code null} (manual, paused, or a past {@code at})
 * @param lastFireAt the last fire time that was handled, or {@code null}
 * @param lastRunAt when the last run started, or {@code null}
 * @param lastSuccessAt when the last successful run finished, or {@code null}
 * @param lastStatus the last run's status, or {@code null}
 * @param paused whether it is paused
 * @param priority its priority when queued
 * @param catchUp the catch-up policy and its maximum, e.g. {@code run_all (max 10)}
 * @param maxRetries retries after a failure
 * @param after upstream pipelines
 * @param activeRun the id of its queued or running run, or {@code null}
 * @param retryAt when a pending retry starts, or {@code null}
 * @param consecutiveFailures failed runs in a row
 */
public record JobView(
    String pipeline,
    String source,
    String kind,
    String schedule,
    boolean overridden,
    Instant nextFireAt,
    Instant lastFireAt,
    Instant lastRunAt,
    Instant lastSuccessAt,
    String lastStatus,
    boolean paused,
    Priority priority,
    String catchUp,
    int maxRetries,
    List<String> after,
    String activeRun,
    Instant retryAt,
    int consecutiveFailures) {}
