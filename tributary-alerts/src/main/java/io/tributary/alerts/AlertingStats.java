package io.tributary.alerts;

/**
 * Counts since the alerting module started, for metrics.
 *
 * @param eventsReceived runs and events reported
 * @param eventsDropped events dropped because the inbound queue was full
 * @param eventsQueued events waiting to be evaluated
 * @param notifications notifications made (each goes to one or more channels)
 * @param deliveriesQueued deliveries waiting or being retried
 * @param delivered deliveries a channel accepted
 * @param retried delivery attempts that failed and were scheduled again
 * @param failed deliveries given up
 * @param dropped deliveries dropped because the queue was full
 * @param deduplicated deliveries skipped because they had already been delivered
 */
public record AlertingStats(
    long eventsReceived,
    long eventsDropped,
    int eventsQueued,
    long notifications,
    int deliveriesQueued,
    long delivered,
    long retried,
    long failed,
    long dropped,
    long deduplicated) {}
