/**
 * Alerting: rules over runs and events, one {@link io.tributary.alerts.Alert} per incident, and
 * delivery to Slack, signed webhooks, e-mail and PagerDuty off the caller's thread.
 *
 * <pre>{@code
 * AlertingConfig config = AlertingConfig.load(Path.of("alerts.yaml"), System.getenv());
 * try (AlertStore store = FileAlertStore.open(dataDir.resolve("alerts.json"));
 *     Alerting alerting = Alerting.create(config, store, Clock.systemUTC())) {
 *   alerting.register(new PipelineAlerts(p.name(), p.alerts(), p.secrets()));
 *   alerting.onRunFinished(run);
 *   alerting.tick();
 * }
 * }</pre>
 *
 * <p>Public: the facade {@link io.tributary.alerts.Alerting}, its configuration {@link
 * io.tributary.alerts.AlertingConfig} and {@link io.tributary.alerts.PipelineAlerts}, the events it
 * is fed ({@link io.tributary.alerts.AlertEvent}), what it keeps ({@link
 * io.tributary.alerts.Alert}, {@link io.tributary.alerts.Notice}, {@link
 * io.tributary.alerts.Notification}, {@link io.tributary.alerts.RuleState}) and where ({@link
 * io.tributary.alerts.AlertStore}, {@link io.tributary.alerts.FileAlertStore}). The rule engine,
 * the declarations, the channels and the delivery queue live in {@code internal} packages. The
 * module depends on the SPI only, not on the engine: callers pass plain values. See {@code
 * docs/alerting.md}.
 */
package io.tributary.alerts;
