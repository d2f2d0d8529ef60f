/**
 * The server side of {@code tributary serve}: the job-management REST API ({@link
 * io.tributary.server.ApiServer}), its token ({@link io.tributary.server.AdminToken}), Prometheus
 * metrics ({@link io.tributary.server.ServerMetrics}) and the recent runs' log lines ({@link
 * io.tributary.server.RunLogs}).
 *
 * <pre>{@code
 * ServerMetrics metrics = new ServerMetrics();
 * RunLogs logs = new RunLogs(clock, 500, 200);
 * RunHistory history = new RunHistory(store, 2_000);
 * Scheduler scheduler = Scheduler.builder(dir, runner::run, state, clock)
 *     .listener(RunListeners.all(List.of(metrics, logs))).sink(RunEventSink.composite(List.of(metrics, logs, history, alerts)))
 *     .build();
 * try (ApiServer api = new ApiServer(ServerConfig.local(8080, dataDir), scheduler, store, metrics,
 *     logs, history, AdminToken.loadOrCreate(dataDir), version).start()) { ... }
 * }</pre>
 *
 * Implementation details (handlers, JSON views, the OpenAPI document) live in {@code internal}.
 */
package io.tributary.server;
