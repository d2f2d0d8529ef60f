package io.tributary.engine.schedule;

import io.tributary.spi.store.RunInfo;
import java.time.Instant;

/**
 * A run the scheduler started has ended.
 *
 * @param run the stored run, with its final status, counts and errors
 * @param source the pipeline's connector name (e.g. {@code reddit})
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 * @param retryAt when it will be retried, or {@code null} when it will not be
 * @param consecutiveFailures failed runs in a row of this pipeline, including this one (0 after a
 *     success)
 */
public record RunFinished(
    RunInfo run, String source, int attempt, Instant retryAt, int consecutiveFailures) {}
