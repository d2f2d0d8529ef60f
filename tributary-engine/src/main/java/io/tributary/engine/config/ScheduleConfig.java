package io.tributary.engine.config;

/**
 * The {@code schedule} section: exactly one of {@code cron}, {@code every}, {@code at}.
 *
 * @param cron a 5- or 6-field cron expression, or {@code null}
 * @param every an interval such as {@code 30s}, {@code 15m}, {@code 6h}, {@code 1d}, or {@code
 *     null}
 * @param at an ISO-8601 instant for a one-off run, or {@code null}
 * @param timezone the zone cron expressions are read in (default UTC)
 * @param catchUp {@code skip}, {@code run_once} or {@code run_all} after downtime
 */
public record ScheduleConfig(
    String cron, String every, String at, String timezone, String catchUp) {}
