package io.tributary.spi.store;

import java.time.Instant;

/**
 * A rejected input or record, kept with why it was rejected.
 *
 * @param runId the run that rejected it
 * @param pipeline the pipeline's name
 * @param stream the stream's name
 * @param stage where it was rejected: {@code read}, {@code process:<type>} or {@code store}
 * @param rule the failed rule or check
 * @param field the field path it concerns, or {@code null}
 * @param reason a human explanation
 * @param origin where the input came from (file and line, URL), or {@code null}
 * @param payload the input as JSON or raw text, capped in size
 * @param at when it was rejected
 */
public record QuarantineEntry(
    String runId,
    String pipeline,
    String stream,
    String stage,
    String rule,
    String field,
    String reason,
    String origin,
    String payload,
    Instant at) {}
