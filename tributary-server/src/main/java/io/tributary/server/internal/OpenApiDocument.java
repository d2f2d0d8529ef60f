package io.tributary.server.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 description of the API, built in code next to the routes it describes. Schemas
 * are JSON Schema 2020-12 (nullable values use {@code type: [x, "null"]}).
 */
public final class OpenApiDocument {
  private OpenApiDocument() {}

  private static Map<String, Object> m(Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  private static Map<String, Object> ref(String schema) {
    return m("$ref", "#/components/schemas/" + schema);
  }

  private static Map<String, Object> type(String t) {
    return m("type", t);
  }

  private static Map<String, Object> nullable(String t) {
    return m("type", List.of(t, "null"));
  }

  private static Map<String, Object> instant() {
    return m("type", List.of("string", "null"), "format", "date-time");
  }

  private static Map<String, Object> arrayOf(Map<String, Object> items) {
    return m("type", "array", "items", items);
  }

  private static Map<String, Object> object(List<String> required, Object... props) {
    return m("type", "object", "required", required, "properties", m(props));
  }

  private static Map<String, Object> json(Map<String, Object> schema, String description) {
    return m("description", description, "content", m("application/json", m("schema", schema)));
  }

  private static Map<String, Object> errorResponse(String description) {
    return json(ref("Error"), description);
  }

  private static Map<String, Object> pathParam(String name, String description) {
    return m(
        "name",
        name,
        "in",
        "path",
        "required",
        true,
        "description",
        description,
        "schema",
        type("string"));
  }

  private static Map<String, Object> query(String name, String description, Map<String, Object> s) {
    return m(
        "name", name, "in", "query", "required", false, "description", description, "schema", s);
  }

  private static Map<String, Object> op(
      String id,
      String tag,
      String summary,
      List<Object> params,
      Map<String, Object> body,
      Map<String, Object> responses) {
    Map<String, Object> o = m("operationId", id, "tags", List.of(tag), "summary", summary);
    if (!params.isEmpty()) {
      o.put("parameters", params);
    }
    if (body != null) {
      o.put("requestBody", body);
    }
    Map<String, Object> r = new LinkedHashMap<>(responses);
    if (!id.startsWith("health")) {
      r.putIfAbsent("401", errorResponse("Missing or wrong token (Authorization: Bearer ...)"));
    }
    o.put("responses", r);
    return o;
  }

  /** The whole document. */
  public static Map<String, Object> document(String version) {
    Map<String, Object> paths = new LinkedHashMap<>();
    Object pipelineName = pathParam("name", "The pipeline's name");
    Object jobName = pathParam("pipeline", "The pipeline's name");
    Object runId =
        pathParam(
            "id", "A run id, the id it had while queued, or an unambiguous prefix (8+ chars)");

    paths.put(
        "/api/pipelines",
        m(
            "get",
            op(
                "listPipelines",
                "pipelines",
                "The valid pipelines and the invalid pipeline files",
                List.of(),
                null,
                m("200", json(ref("PipelineList"), "Pipelines")))));
    paths.put(
        "/api/pipelines/{name}/runs",
        m(
            "post",
            op(
                "triggerRun",
                "runs",
                "Queue a run now (starts when the caps allow), optionally a backfill window",
                List.of(pipelineName),
                m(
                    "required",
                    false,
                    "content",
                    m("application/json", m("schema", ref("TriggerRequest")))),
                m(
                    "202",
                    json(ref("Run"), "Queued or started; Location names the run"),
                    "400",
                    errorResponse("Invalid body"),
                    "404",
                    errorResponse("No such pipeline"),
                    "409",
                    errorResponse("The pipeline already has a queued or running run"),
                    "503",
                    errorResponse("Shutting down")))));
    paths.put(
        "/api/jobs",
        m(
            "get",
            op(
                "listJobs",
                "jobs",
                "Schedules with their next fire time, and the queue",
                List.of(),
                null,
                m("200", json(ref("JobList"), "Jobs")))));
    paths.put(
        "/api/jobs/{pipeline}/schedule",
        m(
            "post",
            op(
                "setSchedule",
                "jobs",
                "Replace the job's API settings (schedule, priority, retries); reset: true"
                    + " restores the file's",
                List.of(jobName),
                m(
                    "required",
                    true,
                    "content",
                    m("application/json", m("schema", ref("ScheduleRequest")))),
                m(
                    "200",
                    json(ref("Job"), "The job with its new settings"),
                    "400",
                    errorResponse("Invalid schedule"),
                    "404",
                    errorResponse("No such pipeline")))));
    for (String action : List.of("pause", "resume")) {
      paths.put(
          "/api/jobs/{pipeline}/" + action,
          m(
              "post",
              op(
                  action + "Job",
                  "jobs",
                  action.equals("pause")
                      ? "Pause: no scheduled, retry or dependency runs until resumed"
                      : "Resume; fire times missed while paused are not made up",
                  List.of(jobName),
                  null,
                  m(
                      "200",
                      json(ref("Job"), "The job"),
                      "404",
                      errorResponse("No such pipeline")))));
    }
    paths.put(
        "/api/runs",
        m(
            "get",
            op(
                "listRuns",
                "runs",
                "Run history, newest first, paginated",
                List.of(
                    query("pipeline", "Only this pipeline's runs", type("string")),
                    query(
                        "status",
                        "Only runs with this status",
                        m(
                            "type",
                            "string",
                            "enum",
                            List.of(
                                "queued",
                                "running",
                                "succeeded",
                                "partially_failed",
                                "failed",
                                "cancelled"))),
                    query(
                        "limit",
                        "Page size (1-200, default 50)",
                        m("type", "integer", "minimum", 1, "maximum", 200)),
                    query("cursor", "next_cursor of the previous page", type("string"))),
                null,
                m(
                    "200",
                    json(ref("RunPage"), "A page of runs"),
                    "400",
                    errorResponse("Invalid parameter")))));
    paths.put(
        "/api/runs/{id}",
        m(
            "get",
            op(
                "getRun",
                "runs",
                "One run; live progress while it is queued or running",
                List.of(runId),
                null,
                m("200", json(ref("Run"), "The run"), "404", errorResponse("No such run")))));
    paths.put(
        "/api/runs/{id}/cancel",
        m(
            "post",
            op(
                "cancelRun",
                "runs",
                "Cancel: a queued run never starts, a running one stops after its current batch",
                List.of(runId),
                null,
                m(
                    "202",
                    json(ref("Run"), "Cancelled or cancelling"),
                    "404",
                    errorResponse("No queued or running run with that id")))));
    paths.put(
        "/api/runs/{id}/logs",
        m(
            "get",
            op(
                "getRunLogs",
                "runs",
                "The last log lines of a recent run (kept in memory)",
                List.of(runId),
                null,
                m(
                    "200",
                    json(ref("RunLogs"), "Lines, oldest first"),
                    "404",
                    errorResponse("No lines kept for that run")))));
    paths.put(
        "/api/sources",
        m(
            "get",
            op(
                "listSources",
                "sources",
                "Each source in use, its pipelines and last success",
                List.of(),
                null,
                m("200", json(ref("SourceList"), "Sources")))));
    paths.put(
        "/api/alerts",
        m(
            "get",
            op(
                "listAlerts",
                "alerts",
                "Alerts (incidents), newest first, with their history and notifications",
                List.of(
                    query(
                        "state",
                        "Only alerts in this state: firing (unacknowledged), acknowledged (still"
                            + " firing) or resolved",
                        m("type", "string", "enum", List.of("firing", "acknowledged", "resolved"))),
                    query("pipeline", "Only this pipeline's alerts", type("string")),
                    query(
                        "limit",
                        "Page size (1-200, default 50)",
                        m("type", "integer", "minimum", 1, "maximum", 200)),
                    query("cursor", "next_cursor of the previous page", type("string"))),
                null,
                m(
                    "200",
                    json(ref("AlertPage"), "A page of alerts"),
                    "400",
                    errorResponse("Invalid parameter")))));
    paths.put(
        "/api/alerts/{id}/ack",
        m(
            "post",
            op(
                "ackAlert",
                "alerts",
                "Acknowledge an alert: no more reminders; PagerDuty, webhooks and Slack are told",
                List.of(pathParam("id", "The alert's id (16 hex characters)")),
                m(
                    "required",
                    false,
                    "content",
                    m("application/json", m("schema", ref("AckRequest")))),
                m(
                    "200",
                    json(ref("Alert"), "The acknowledged alert"),
                    "400",
                    errorResponse("Invalid body"),
                    "404",
                    errorResponse("No such alert")))));
    paths.put(
        "/openapi.json",
        m(
            "get",
            op(
                "openapi",
                "meta",
                "This document",
                List.of(),
                null,
                m("200", json(type("object"), "OpenAPI 3.1 document")))));
    Map<String, Object> noAuth = new LinkedHashMap<>();
    Map<String, Object> live =
        op(
            "healthLive",
            "health",
            "Liveness: the process answers",
            List.of(),
            null,
            m("200", json(ref("Health"), "Alive")));
    live.put("security", List.of());
    noAuth.put("/health/live", m("get", live));
    Map<String, Object> ready =
        op(
            "healthReady",
            "health",
            "Readiness: store reachable, scheduler alive, enough free disk",
            List.of(),
            null,
            m("200", json(ref("Health"), "Ready"), "503", json(ref("Health"), "Not ready")));
    ready.put("security", List.of());
    noAuth.put("/health/ready", m("get", ready));
    paths.putAll(noAuth);
    paths.put(
        "/metrics",
        m(
            "get",
            op(
                "metrics",
                "meta",
                "Prometheus metrics (text exposition format)",
                List.of(),
                null,
                m(
                    "200",
                    m(
                        "description",
                        "Metrics",
                        "content",
                        m("text/plain", m("schema", type("string"))))))));

    Map<String, Object> schemas = new LinkedHashMap<>();
    schemas.put(
        "Error",
        object(
            List.of("error"),
            "error",
            object(
                List.of("code", "message", "field"),
                "code",
                m(
                    "type",
                    "string",
                    "description",
                    "Stable machine-readable code, e.g. not_found, invalid_request, conflict"),
                "message",
                m("type", "string", "description", "What is wrong and what to do"),
                "field",
                m(
                    "type",
                    List.of("string", "null"),
                    "description",
                    "The request field at fault, if any"))));
    schemas.put(
        "Counts",
        object(
            List.of("read", "written", "unchanged", "duplicates", "quarantined", "filtered"),
            "read",
            type("integer"),
            "written",
            type("integer"),
            "unchanged",
            type("integer"),
            "duplicates",
            type("integer"),
            "quarantined",
            type("integer"),
            "filtered",
            type("integer")));
    schemas.put(
        "StreamProgress",
        object(
            List.of("stream", "status", "counts"),
            "stream",
            type("string"),
            "table",
            type("string"),
            "status",
            type("string"),
            "counts",
            ref("Counts"),
            "duration_ms",
            type("integer"),
            "error",
            nullable("string")));
    schemas.put(
        "Run",
        object(
            List.of("id", "pipeline", "trigger", "status", "live", "counts", "streams"),
            "id",
            type("string"),
            "queued_id",
            nullable("string"),
            "pipeline",
            type("string"),
            "trigger",
            m("type", "string", "description", "schedule, api, retry, dependency, cli"),
            "status",
            m(
                "type",
                "string",
                "enum",
                List.of(
                    "queued",
                    "running",
                    "cancelling",
                    "cancelled",
                    "succeeded",
                    "partially_failed",
                    "failed")),
            "live",
            m("type", "boolean", "description", "true while queued or running"),
            "priority",
            m("type", "string", "enum", List.of("high", "normal", "low")),
            "attempt",
            type("integer"),
            "queued_at",
            instant(),
            "started_at",
            instant(),
            "finished_at",
            instant(),
            "duration_ms",
            nullable("integer"),
            "counts",
            ref("Counts"),
            "streams",
            arrayOf(ref("StreamProgress")),
            "error",
            nullable("string"),
            "options",
            type("object")));
    schemas.put(
        "RunPage",
        object(
            List.of("runs", "next_cursor"),
            "runs",
            arrayOf(ref("Run")),
            "next_cursor",
            nullable("string")));
    schemas.put(
        "RunLogs",
        object(
            List.of("run_id", "lines", "dropped"),
            "run_id",
            type("string"),
            "lines",
            arrayOf(type("string")),
            "dropped",
            m("type", "integer", "description", "Older lines no longer kept")));
    schemas.put(
        "TriggerRequest",
        m(
            "type",
            "object",
            "additionalProperties",
            false,
            "properties",
            m(
                "from",
                m(
                    "type",
                    "string",
                    "description",
                    "Backfill from this instant or date (inclusive)"),
                "to",
                m(
                    "type",
                    "string",
                    "description",
                    "Backfill up to this instant or date (exclusive)"),
                "streams",
                arrayOf(type("string")),
                "full_refresh",
                type("boolean"),
                "priority",
                m("type", "string", "enum", List.of("high", "normal", "low")))));
    schemas.put(
        "ScheduleRequest",
        m(
            "type",
            "object",
            "additionalProperties",
            false,
            "properties",
            m(
                "cron",
                m(
                    "type",
                    "string",
                    "description",
                    "5 or 6 fields",
                    "examples",
                    List.of("0 */6 * * *")),
                "every",
                m("type", "string", "examples", List.of("30s", "15m", "6h", "1d")),
                "at",
                m("type", "string", "format", "date-time"),
                "manual",
                m("type", "boolean", "description", "Run only when triggered"),
                "reset",
                m("type", "boolean", "description", "Drop all API settings"),
                "timezone",
                m("type", "string", "examples", List.of("Europe/Berlin")),
                "catch_up",
                m("type", "string", "enum", List.of("skip", "run_once", "run_all")),
                "catch_up_max",
                m("type", "integer", "minimum", 1),
                "priority",
                m("type", "string", "enum", List.of("high", "normal", "low")),
                "max_retries",
                m("type", "integer", "minimum", 0))));
    schemas.put(
        "Job",
        object(
            List.of("pipeline", "source", "kind", "schedule", "paused", "next_fire_at"),
            "pipeline",
            type("string"),
            "source",
            type("string"),
            "kind",
            m("type", "string", "enum", List.of("cron", "every", "at", "manual")),
            "schedule",
            type("string"),
            "overridden",
            type("boolean"),
            "paused",
            type("boolean"),
            "next_fire_at",
            instant(),
            "last_fire_at",
            instant(),
            "last_run_at",
            instant(),
            "last_success_at",
            instant(),
            "last_status",
            nullable("string"),
            "priority",
            m("type", "string", "enum", List.of("high", "normal", "low")),
            "catch_up",
            type("string"),
            "max_retries",
            type("integer"),
            "after",
            arrayOf(type("string")),
            "active_run",
            nullable("string"),
            "retry_at",
            instant(),
            "consecutive_failures",
            type("integer")));
    schemas.put(
        "JobList",
        object(
            List.of("jobs", "queue_depth", "running"),
            "jobs",
            arrayOf(ref("Job")),
            "queue_depth",
            type("integer"),
            "running",
            type("integer"),
            "active",
            arrayOf(ref("Run"))));
    schemas.put(
        "Pipeline",
        object(
            List.of("name", "source"),
            "name",
            type("string"),
            "file",
            nullable("string"),
            "source",
            type("string"),
            "streams",
            arrayOf(type("string")),
            "process",
            arrayOf(type("string")),
            "schema",
            type("string"),
            "schedule",
            type("string"),
            "after",
            arrayOf(type("string"))));
    schemas.put(
        "InvalidFile",
        object(
            List.of("file", "problems"),
            "file",
            type("string"),
            "problems",
            arrayOf(type("string")),
            "kept_pipeline",
            nullable("string")));
    schemas.put(
        "PipelineList",
        object(
            List.of("pipelines", "invalid"),
            "pipelines",
            arrayOf(ref("Pipeline")),
            "invalid",
            arrayOf(ref("InvalidFile"))));
    schemas.put(
        "Source",
        object(
            List.of("name", "pipelines"),
            "name",
            type("string"),
            "pipelines",
            arrayOf(type("string")),
            "last_success_at",
            instant(),
            "last_status",
            nullable("string"),
            "circuit",
            m(
                "type",
                "string",
                "description",
                "closed, open, half_open, or unknown when the source has no HTTP circuit")));
    schemas.put("SourceList", object(List.of("sources"), "sources", arrayOf(ref("Source"))));
    schemas.put(
        "Alert",
        object(
            List.of("id", "state", "status", "rule", "severity", "fired_at"),
            "id",
            m("type", "string", "description", "Stable id, used to acknowledge"),
            "state",
            m("type", "string", "enum", List.of("firing", "acknowledged", "resolved")),
            "status",
            m("type", "string", "enum", List.of("firing", "resolved")),
            "rule",
            type("string"),
            "rule_type",
            type("string"),
            "severity",
            m("type", "string", "enum", List.of("info", "warning", "error", "critical")),
            "pipeline",
            nullable("string"),
            "stream",
            nullable("string"),
            "source",
            nullable("string"),
            "summary",
            type("string"),
            "value",
            nullable("string"),
            "threshold",
            nullable("string"),
            "run_id",
            nullable("string"),
            "occurrences",
            type("integer"),
            "fired_at",
            instant(),
            "last_seen_at",
            instant(),
            "resolved_at",
            instant(),
            "acknowledged_at",
            instant(),
            "acknowledged_by",
            nullable("string"),
            "channels",
            arrayOf(type("string")),
            "notifications",
            arrayOf(
                object(
                    List.of("key", "event", "deliveries"),
                    "key",
                    m("type", "string", "description", "The idempotency key"),
                    "event",
                    m(
                        "type",
                        "string",
                        "enum",
                        List.of("fired", "reminder", "acknowledged", "resolved")),
                    "deliveries",
                    arrayOf(
                        object(
                            List.of("channel", "state", "attempts"),
                            "channel",
                            type("string"),
                            "state",
                            m(
                                "type",
                                "string",
                                "enum",
                                List.of("pending", "delivered", "failed", "dropped")),
                            "attempts",
                            type("integer"),
                            "error",
                            nullable("string"),
                            "updated_at",
                            instant())))),
            "history",
            arrayOf(object(List.of("at", "what"), "at", instant(), "what", type("string")))));
    schemas.put(
        "AlertPage",
        object(
            List.of("alerts", "total", "next_cursor"),
            "alerts",
            arrayOf(ref("Alert")),
            "total",
            m("type", "integer", "description", "How many alerts match the filters"),
            "next_cursor",
            nullable("string")));
    schemas.put(
        "AckRequest",
        m(
            "type",
            "object",
            "additionalProperties",
            false,
            "properties",
            m(
                "by",
                m(
                    "type",
                    "string",
                    "maxLength",
                    64,
                    "description",
                    "Who takes the alert (default: api); shown in notifications"))));
    schemas.put(
        "Health",
        object(
            List.of("status"),
            "status",
            m("type", "string", "enum", List.of("up", "ready", "not_ready", "starting")),
            "checks",
            m(
                "type",
                "object",
                "additionalProperties",
                object(List.of("ok"), "ok", type("boolean"), "detail", type("string")))));

    return m(
        "openapi", "3.1.0",
        "info",
            m(
                "title",
                "Tributary job-management API",
                "version",
                version,
                "description",
                "Schedules, runs, history, sources, health and metrics of a"
                    + " `tributary serve` process. Send the admin token (from <data-dir>/admin.token)"
                    + " as `Authorization: Bearer <token>`. Errors are"
                    + " {\"error\": {\"code\", \"message\", \"field\"}}.",
                "license",
                m("name", "Apache-2.0", "identifier", "Apache-2.0")),
        "servers", List.of(m("url", "/")),
        "security", List.of(m("bearerAuth", List.of())),
        "paths", paths,
        "components",
            m(
                "schemas",
                schemas,
                "securitySchemes",
                m(
                    "bearerAuth",
                    m(
                        "type",
                        "http",
                        "scheme",
                        "bearer",
                        "description",
                        "The admin token from <data-dir>/admin.token"))));
  }
}
