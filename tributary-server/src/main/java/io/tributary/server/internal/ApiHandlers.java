package io.tributary.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.config.ScheduleConfig;
import io.tributary.engine.run.RunOptions;
import io.tributary.engine.schedule.JobOverride;
import io.tributary.engine.schedule.JobView;
import io.tributary.engine.schedule.LiveRun;
import io.tributary.engine.schedule.Priority;
import io.tributary.engine.schedule.Scheduler;
import io.tributary.server.AlertBook;
import io.tributary.server.RunHistory;
import io.tributary.server.RunLogs;
import io.tributary.server.SourceCircuits;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The API's request handlers. One instance serves every request; stateless apart from its deps. */
public final class ApiHandlers {
  static final int MAX_LIMIT = 200;
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_SCAN = 5_000;
  private static final Set<String> STATUSES =
      Set.of("queued", "running", "succeeded", "partially_failed", "failed", "cancelled");

  private final Scheduler scheduler;
  private final Store store;
  private final RunLogs logs;
  private final RunHistory history;
  private final AlertBook alerts;
  private final java.util.function.Supplier<SourceCircuits> circuits;
  private final ObjectMapper json;
  private final Path dataDir;
  private final long minFreeDisk;
  private final java.util.concurrent.Executor probes =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("health-probe").factory());

  public ApiHandlers(
      Scheduler scheduler,
      Store store,
      RunLogs logs,
      RunHistory history,
      AlertBook alerts,
      java.util.function.Supplier<SourceCircuits> circuits,
      ObjectMapper json,
      Path dataDir,
      long minFreeDisk) {
    this.scheduler = scheduler;
    this.store = store;
    this.logs = logs;
    this.history = history;
    this.alerts = alerts;
    this.circuits = circuits;
    this.json = json;
    this.dataDir = dataDir;
    this.minFreeDisk = minFreeDisk;
  }

  // ------------------------------------------------------------------ pipelines and jobs

  public void listPipelines(Context ctx) {
    List<Map<String, Object>> pipelines = new ArrayList<>();
    for (PipelineConfig p : scheduler.pipelines().values()) {
      pipelines.add(Views.pipeline(p));
    }
    List<Map<String, Object>> invalid =
        scheduler.invalidFiles().stream().map(Views::invalid).toList();
    ctx.json(Map.of("pipelines", pipelines, "invalid", invalid));
  }

  public void listJobs(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jobs", scheduler.jobs().stream().map(Views::job).toList());
    out.put("queue_depth", scheduler.queueDepth());
    out.put("running", scheduler.runningCount());
    out.put("active", scheduler.activeRuns().stream().map(Views::live).toList());
    ctx.json(out);
  }

  public void pause(Context ctx) {
    ctx.json(Views.job(scheduler.pause(ctx.pathParam("pipeline"))));
  }

  public void resume(Context ctx) {
    ctx.json(Views.job(scheduler.resume(ctx.pathParam("pipeline"))));
  }

  public void setSchedule(Context ctx) {
    String pipeline = ctx.pathParam("pipeline");
    ObjectNode body = body(ctx, true);
    allowOnly(
        body,
        "cron",
        "every",
        "at",
        "manual",
        "reset",
        "timezone",
        "catch_up",
        "catch_up_max",
        "priority",
        "max_retries");
    if (bool(body, "reset")) {
      if (body.size() > 1) {
        throw ApiError.badRequest("reset", "'reset' restores the file's settings; send it alone");
      }
      ctx.json(Views.job(scheduler.setOverride(pipeline, JobOverride.NONE)));
      return;
    }
    String cron = text(body, "cron");
    String every = text(body, "every");
    String at = text(body, "at");
    boolean manual = bool(body, "manual");
    int kinds = (cron != null ? 1 : 0) + (every != null ? 1 : 0) + (at != null ? 1 : 0);
    if (kinds > 1 || (manual && kinds > 0)) {
      throw ApiError.badRequest(
          manual ? "manual" : "cron", "give at most one of 'cron', 'every', 'at' or 'manual'");
    }
    ScheduleConfig schedule =
        kinds == 0
            ? null
            : new ScheduleConfig(
                cron,
                every,
                at,
                orDefault(text(body, "timezone"), "UTC"),
                orDefault(text(body, "catch_up"), "run_once"));
    if (schedule == null && (body.has("timezone") || body.has("catch_up"))) {
      throw ApiError.badRequest(
          body.has("timezone") ? "timezone" : "catch_up",
          "'timezone' and 'catch_up' belong to a schedule; send them with 'cron', 'every' or"
              + " 'at'");
    }
    Priority priority = priority(body);
    Integer catchUpMax = integer(body, "catch_up_max", 1);
    Integer maxRetries = integer(body, "max_retries", 0);
    JobOverride o = new JobOverride(schedule, manual, priority, maxRetries, catchUpMax);
    ctx.json(Views.job(scheduler.setOverride(pipeline, o)));
  }

  // ------------------------------------------------------------------ runs

  public void trigger(Context ctx) {
    String pipeline = ctx.pathParam("name");
    ObjectNode body = body(ctx, false);
    allowOnly(body, "from", "to", "streams", "full_refresh", "priority");
    Instant from = when(body, "from");
    Instant to = when(body, "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiError.badRequest("to", "'to' must be after 'from'");
    }
    List<String> streams = new ArrayList<>();
    if (body.has("streams")) {
      JsonNode s = body.get("streams");
      if (!s.isArray()) {
        throw ApiError.badRequest("streams", "'streams' is a list of stream names");
      }
      for (JsonNode n : s) {
        if (!n.isTextual()) {
          throw ApiError.badRequest("streams", "'streams' is a list of stream names");
        }
        streams.add(n.asText());
      }
    }
    ConnectorContext.Window window =
        from == null && to == null ? null : new ConnectorContext.Window(from, to);
    RunOptions options =
        new RunOptions("api", streams, bool(body, "full_refresh"), window, Map.of());
    LiveRun run = scheduler.trigger(pipeline, options, priority(body));
    Map<String, Object> view = Views.live(run);
    ctx.status(202);
    ctx.header("Location", "/api/runs/" + view.get("id"));
    ctx.json(view);
  }

  public void listRuns(Context ctx) {
    String pipeline = blankToNull(ctx.queryParam("pipeline"));
    String status = blankToNull(ctx.queryParam("status"));
    if (status != null && !STATUSES.contains(status)) {
      throw ApiError.badRequest(
          "status",
          "'status' must be one of "
              + String.join(", ", new java.util.TreeSet<>(STATUSES))
              + " (was: "
              + status
              + ")");
    }
    int limit = limit(ctx);
    int offset = decodeCursor(ctx.queryParam("cursor"));
    List<Map<String, Object>> page = new ArrayList<>();
    boolean more;
    if ("queued".equals(status)) {
      List<LiveRun> queued =
          scheduler.activeRuns().stream()
              .filter(r -> r.status().equals("queued"))
              .filter(r -> pipeline == null || r.pipeline().equals(pipeline))
              .toList();
      for (int i = offset; i < Math.min(queued.size(), offset + limit); i++) {
        page.add(Views.live(queued.get(i)));
      }
      more = queued.size() > offset + limit;
    } else {
      int need = offset + limit + 1;
      List<Entry> entries = new ArrayList<>();
      if (status == null || status.equals("running")) {
        for (LiveRun r : scheduler.activeRuns()) {
          if (r.startedAt() != null && (pipeline == null || r.pipeline().equals(pipeline))) {
            entries.add(new Entry(r.startedAt(), Views.live(r)));
          }
        }
      }
      boolean fromMemory = "running".equals(status);
      if (!fromMemory) {
        RunHistory.Slice slice =
            history.newest(
                r ->
                    (pipeline == null || r.pipeline().equals(pipeline))
                        && (status == null || r.status().wire().equals(status)),
                need);
        fromMemory = slice.enough();
        for (RunInfo r : slice.runs()) {
          entries.add(new Entry(r.startedAt(), Views.run(r)));
        }
      }
      if (fromMemory) {
        entries.sort(Comparator.comparing(Entry::startedAt).reversed());
        for (int i = offset; i < Math.min(entries.size(), offset + limit); i++) {
          page.add(entries.get(i).view());
        }
        more = entries.size() > offset + limit;
      } else {
        // older than what memory holds: ask the store
        int scan = status == null ? need : Math.min(MAX_SCAN, need * 4);
        List<RunInfo> matching;
        while (true) {
          List<RunInfo> fetched = store.runs(pipeline, scan);
          matching =
              status == null
                  ? fetched
                  : fetched.stream().filter(r -> r.status().wire().equals(status)).toList();
          if (matching.size() >= need || fetched.size() < scan || scan >= MAX_SCAN) {
            break;
          }
          scan = Math.min(MAX_SCAN, scan * 4);
        }
        for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) {
          page.add(Views.run(matching.get(i)));
        }
        more = matching.size() > offset + limit;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runs", page);
    out.put("next_cursor", more ? encodeCursor(offset + limit) : null);
    ctx.json(out);
  }

  public void getRun(Context ctx) {
    String id = ctx.pathParam("id");
    var live = scheduler.live(id);
    if (live.isPresent()) {
      ctx.json(Views.live(live.get()));
      return;
    }
    String runId = scheduler.runIdOf(id).orElse(id);
    RunInfo run = storedRun(runId);
    Map<String, Object> view = Views.run(run);
    if (!runId.equals(id)) {
      view.put("queued_id", id);
    }
    ctx.json(view);
  }

  public void cancel(Context ctx) {
    ctx.status(202);
    ctx.json(Views.live(scheduler.cancel(ctx.pathParam("id"))));
  }

  public void runLogs(Context ctx) {
    String id = ctx.pathParam("id");
    String runId =
        scheduler
            .live(id)
            .map(r -> r.runId() != null ? r.runId() : r.id())
            .orElseGet(() -> scheduler.runIdOf(id).orElse(id));
    var tail = logs.tail(runId);
    if (tail.isEmpty()) {
      // a prefix or an older run: resolve through the store for a clearer answer
      RunInfo stored = storedRun(runId);
      tail = logs.tail(stored.id());
      if (tail.isEmpty()) {
        throw ApiError.notFound(
            "no log lines are kept for run "
                + stored.id()
                + " (only the most recent runs of this server process keep theirs); its stored"
                + " result is at /api/runs/"
                + stored.id());
      }
      runId = stored.id();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run_id", runId);
    out.put("lines", tail.get().lines());
    out.put("dropped", tail.get().dropped());
    ctx.json(out);
  }

  private record Entry(Instant startedAt, Map<String, Object> view) {}

  private RunInfo storedRun(String id) {
    Optional<RunInfo> cached = history.byId(id);
    if (cached.isPresent()) {
      return cached.get();
    }
    Optional<RunInfo> stored;
    try {
      stored = store.run(id);
    } catch (IllegalArgumentException e) { // an ambiguous prefix: the store says which runs
      throw ApiError.badRequest("id", e.getMessage());
    }
    return stored.orElseThrow(
        () ->
            ApiError.notFound(
                "there is no run with the id '" + id + "'; list runs with GET /api/runs"));
  }

  private static int limit(Context ctx) {
    String l = ctx.queryParam("limit");
    if (l == null) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(l);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiError.badRequest(
          "limit", "'limit' must be a whole number from 1 to " + MAX_LIMIT + " (was: " + l + ")");
    }
    return limit;
  }

  // ------------------------------------------------------------------ alerts

  public void listAlerts(Context ctx) {
    String state = blankToNull(ctx.queryParam("state"));
    if (state != null && !AlertBook.STATES.contains(state)) {
      throw ApiError.badRequest(
          "state",
          "'state' must be one of "
              + String.join(", ", AlertBook.STATES)
              + " (was: "
              + state
              + ")");
    }
    String pipeline = blankToNull(ctx.queryParam("pipeline"));
    int limit = limit(ctx);
    int offset = decodeCursor(ctx.queryParam("cursor"));
    List<Map<String, Object>> matching = alerts.list(state, pipeline);
    int end = Math.min(matching.size(), offset + limit);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("alerts", offset >= end ? List.of() : matching.subList(offset, end));
    out.put("total", matching.size());
    out.put("next_cursor", matching.size() > offset + limit ? encodeCursor(offset + limit) : null);
    ctx.json(out);
  }

  public void ackAlert(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode body = body(ctx, false);
    allowOnly(body, "by");
    String by = blankToNull(text(body, "by"));
    if (by != null && (by.length() > 64 || !by.matches("[\\p{L}\\p{N} ._@-]+"))) {
      throw ApiError.badRequest(
          "by", "'by' must be a name of at most 64 letters, digits, spaces or . _ @ -");
    }
    Map<String, Object> alert =
        alerts
            .ack(id, by == null ? "api" : by)
            .orElseThrow(
                () ->
                    new ApiError(
                        404,
                        "not_found",
                        "no alert with id '"
                            + clip(id)
                            + "'; GET /api/alerts lists them with their ids",
                        null));
    ctx.json(alert);
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  // ------------------------------------------------------------------ sources and health

  public void listSources(Context ctx) {
    Map<String, List<String>> bySource = new TreeMap<>();
    Map<String, String> lastStatus = new TreeMap<>();
    Map<String, Instant> lastRun = new TreeMap<>();
    for (JobView j : scheduler.jobs()) {
      bySource.computeIfAbsent(j.source(), k -> new ArrayList<>()).add(j.pipeline());
      if (j.lastRunAt() != null
          && (lastRun.get(j.source()) == null || j.lastRunAt().isAfter(lastRun.get(j.source())))) {
        lastRun.put(j.source(), j.lastRunAt());
        lastStatus.put(j.source(), j.lastStatus());
      }
    }
    Map<String, Instant> success = scheduler.lastSuccessBySource();
    SourceCircuits breakers = circuits.get();
    List<Map<String, Object>> sources = new ArrayList<>();
    bySource.forEach(
        (name, pipelines) -> {
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("name", name);
          s.put("pipelines", pipelines);
          s.put("last_success_at", Views.str(success.get(name)));
          s.put("last_status", lastStatus.get(name));
          s.put("circuit", circuitOf(breakers, name));
          sources.add(s);
        });
    ctx.json(Map.of("sources", sources));
  }

  public void ready(Context ctx) {
    Map<String, Object> checks = new LinkedHashMap<>();
    boolean ok = true;
    // store: a cheap read with a deadline, so a wedged store cannot hang the probe
    boolean storeOk;
    String storeDetail;
    try {
      CompletableFuture.supplyAsync(() -> store.runs(null, 1), probes).get(2, TimeUnit.SECONDS);
      storeOk = true;
      storeDetail = store.location();
    } catch (Exception e) {
      storeOk = false;
      storeDetail =
          "the store did not answer a read within 2 s ("
              + (e.getCause() != null ? e.getCause().getClass().getSimpleName() : "timeout")
              + ")";
    }
    checks.put("store", check(storeOk, storeDetail));
    ok &= storeOk;
    boolean alive = scheduler.isAlive();
    checks.put("scheduler", check(alive, alive ? "running" : "stopped or stuck"));
    ok &= alive;
    long free;
    try {
      free = Files.getFileStore(dataDir).getUsableSpace();
    } catch (Exception e) {
      free = -1;
    }
    boolean diskOk = free >= minFreeDisk;
    checks.put(
        "disk",
        check(
            diskOk,
            free < 0
                ? "cannot read free space of " + dataDir
                : (free / (1024 * 1024))
                    + " MiB free, "
                    + (minFreeDisk / (1024 * 1024))
                    + " needed"));
    ok &= diskOk;
    ctx.status(ok ? 200 : 503);
    ctx.json(Map.of("status", ok ? "ready" : "not_ready", "checks", checks));
  }

  private static Map<String, Object> check(boolean ok, String detail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", ok);
    m.put("detail", detail);
    return m;
  }

  private static String circuitOf(SourceCircuits breakers, String source) {
    try {
      return breakers.state(source).orElse("unknown");
    } catch (RuntimeException e) {
      return "unknown"; // a plugin's trouble must not break the listing
    }
  }

  // ------------------------------------------------------------------ request parsing

  private ObjectNode body(Context ctx, boolean required) {
    byte[] raw = ctx.bodyAsBytes();
    if (raw.length == 0 || new String(raw, StandardCharsets.UTF_8).isBlank()) {
      if (required) {
        throw ApiError.badRequest(null, "send a JSON object as the request body");
      }
      return json.createObjectNode();
    }
    JsonNode node;
    try {
      node = json.readTree(raw);
    } catch (Exception e) {
      throw new ApiError(
          400, "invalid_json", "the request body is not valid JSON; send a JSON object", null);
    }
    if (!(node instanceof ObjectNode o)) {
      throw new ApiError(400, "invalid_json", "the request body must be a JSON object", null);
    }
    return o;
  }

  private static void allowOnly(ObjectNode body, String... names) {
    Set<String> allowed = Set.of(names);
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw ApiError.badRequest(
            f,
            "unknown field '"
                + f
                + "'; allowed: "
                + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }

  private static String text(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiError.badRequest(field, "'" + field + "' must be a string");
    }
    return n.asText();
  }

  private static boolean bool(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw ApiError.badRequest(field, "'" + field + "' must be true or false");
    }
    return n.asBoolean();
  }

  private static Integer integer(ObjectNode body, String field, int min) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > 1_000) {
      throw ApiError.badRequest(
          field, "'" + field + "' must be a whole number from " + min + " to 1000");
    }
    return n.asInt();
  }

  private static Priority priority(ObjectNode body) {
    String p = text(body, "priority");
    if (p == null) {
      return null;
    }
    try {
      return Priority.parse(p);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("priority", e.getMessage());
    }
  }

  private static Instant when(ObjectNode body, String field) {
    String t = text(body, field);
    if (t == null) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw ApiError.badRequest(
            field,
            "'"
                + field
                + "' must be a date (2025-01-31) or an instant (2025-01-31T12:00:00Z) but was '"
                + t
                + "'");
      }
    }
  }

  private static String orDefault(String v, String d) {
    return v == null ? d : v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static String encodeCursor(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  static int decodeCursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (s.startsWith("o:")) {
        int o = Integer.parseInt(s.substring(2));
        if (o >= 0 && o <= MAX_SCAN) {
          return o;
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw ApiError.badRequest(
        "cursor", "'cursor' is not one this server issued; pass next_cursor from the last page");
  }
}
