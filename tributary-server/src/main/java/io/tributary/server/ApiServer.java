package io.tributary.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.tributary.engine.schedule.Scheduler;
import io.tributary.engine.schedule.SchedulerException;
import io.tributary.server.internal.ApiError;
import io.tributary.server.internal.ApiHandlers;
import io.tributary.server.internal.OpenApiDocument;
import io.tributary.server.internal.Views;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.store.Store;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The job-management REST API of {@code tributary serve}: pipelines, jobs, runs (history, live
 * progress, logs, trigger, cancel), sources, alerts (list, acknowledge), health, Prometheus metrics
 * and its own OpenAPI 3.1 document at {@code /openapi.json}.
 *
 * <p>Every endpoint but {@code /health/*} needs {@code Authorization: Bearer <admin token>}, unless
 * {@link ServerConfig#publicRead()} opens the read-only ones or {@link
 * ServerConfig#publicMetrics()} opens {@code /metrics}. Errors are {@code {"error": {"code",
 * "message", "field"}}}. Each request gets an {@code X-Request-Id} (the caller's, if it sent a sane
 * one), also put in the logging MDC as {@code request_id}.
 *
 * <p>Lifecycle: construct (nothing listens yet), {@link #start()}, {@link #close()}. Requests are
 * served by a small pool of platform threads (2 to 32). The scheduler, store and observers are
 * owned by the caller.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String ERROR_WRITTEN = "tributary.error-written";
  private static final String STARTED_NANOS = "tributary.started";

  /** Who may call a route. */
  enum Access implements RouteRole {
    /** Anyone (health). */
    PUBLIC,
    /** Token, unless read-only endpoints are public. */
    READ,
    /** Token, unless metrics are public. */
    METRICS,
    /** Always the token. */
    WRITE
  }

  /** One route: the table both the router and the route test use. */
  record Route(HandlerType method, String path, Access access, Handler handler) {}

  private final ServerConfig config;
  private final AdminToken token;
  private final ServerMetrics metrics;
  private final ObjectMapper json;
  private final List<Route> routes;
  private final String openApi;
  private final SecureRandom random = new SecureRandom();
  private volatile ApiHandlers handlers;
  private volatile SourceCircuits circuits = SourceCircuits.NONE;
  private Javalin app;

  /**
   * A server that is ready to answer as soon as it starts.
   *
   * @param config where to listen and what is public
   * @param scheduler the scheduler the API drives
   * @param store the store run history is read from
   * @param metrics the metrics registry (already fed by the scheduler)
   * @param logs the recent runs' log lines
   * @param history the recent finished runs (must also be a sink of the scheduler)
   * @param token the admin token
   * @param version the version the OpenAPI document states
   */
  public ApiServer(
      ServerConfig config,
      Scheduler scheduler,
      Store store,
      ServerMetrics metrics,
      RunLogs logs,
      RunHistory history,
      AdminToken token,
      String version) {
    this(config, metrics, token, version);
    attach(scheduler, store, logs, history);
  }

  /**
   * A server that can listen before the rest of the process is built: until {@link #attach} is
   * called, {@code /health/live}, {@code /metrics} and {@code /openapi.json} answer, {@code
   * /health/ready} says {@code starting} (503) and every other endpoint answers 503 with code
   * {@code starting}. Lets a process bind its port while its store opens.
   */
  public ApiServer(ServerConfig config, ServerMetrics metrics, AdminToken token, String version) {
    this.config = config;
    this.token = token;
    this.metrics = metrics;
    this.json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    try {
      this.openApi = json.writeValueAsString(OpenApiDocument.document(version));
    } catch (Exception e) {
      throw new IllegalStateException("cannot render the OpenAPI document", e);
    }
    this.routes =
        List.of(
            route(HandlerType.GET, "/api/pipelines", Access.READ, ApiHandlers::listPipelines),
            route(
                HandlerType.POST, "/api/pipelines/{name}/runs", Access.WRITE, ApiHandlers::trigger),
            route(HandlerType.GET, "/api/jobs", Access.READ, ApiHandlers::listJobs),
            route(
                HandlerType.POST,
                "/api/jobs/{pipeline}/schedule",
                Access.WRITE,
                ApiHandlers::setSchedule),
            route(HandlerType.POST, "/api/jobs/{pipeline}/pause", Access.WRITE, ApiHandlers::pause),
            route(
                HandlerType.POST, "/api/jobs/{pipeline}/resume", Access.WRITE, ApiHandlers::resume),
            route(HandlerType.GET, "/api/runs", Access.READ, ApiHandlers::listRuns),
            route(HandlerType.GET, "/api/runs/{id}", Access.READ, ApiHandlers::getRun),
            route(HandlerType.POST, "/api/runs/{id}/cancel", Access.WRITE, ApiHandlers::cancel),
            route(HandlerType.GET, "/api/runs/{id}/logs", Access.READ, ApiHandlers::runLogs),
            route(HandlerType.GET, "/api/sources", Access.READ, ApiHandlers::listSources),
            route(HandlerType.GET, "/api/alerts", Access.READ, ApiHandlers::listAlerts),
            route(HandlerType.POST, "/api/alerts/{id}/ack", Access.WRITE, ApiHandlers::ackAlert),
            new Route(HandlerType.GET, "/openapi.json", Access.READ, this::openApi),
            new Route(HandlerType.GET, "/health/live", Access.PUBLIC, this::live),
            new Route(HandlerType.GET, "/health/ready", Access.PUBLIC, this::ready),
            new Route(HandlerType.GET, "/metrics", Access.METRICS, this::metrics));
  }

  /**
   * Connects the API to the scheduler and store once they exist; from then on every endpoint
   * answers. May be called before or after {@link #start()}, once.
   */
  public void attach(Scheduler scheduler, Store store, RunLogs logs, RunHistory history) {
    attach(scheduler, store, logs, history, AlertBook.NONE);
  }

  /**
   * Like {@link #attach(Scheduler, Store, RunLogs, RunHistory)}, with the alerts {@code
   * /api/alerts} lists and acknowledges.
   */
  public void attach(
      Scheduler scheduler, Store store, RunLogs logs, RunHistory history, AlertBook alerts) {
    if (handlers != null) {
      throw new IllegalStateException("the API is already attached");
    }
    metrics.bind(scheduler);
    handlers =
        new ApiHandlers(
            scheduler,
            store,
            logs,
            history,
            alerts,
            () -> circuits,
            json,
            config.dataDir(),
            config.minFreeDiskBytes());
  }

  /**
   * Where {@code GET /api/sources} reads each source's circuit state from (default: nowhere, so
   * {@code unknown}). May be called at any time.
   */
  public void circuits(SourceCircuits circuits) {
    this.circuits = circuits == null ? SourceCircuits.NONE : circuits;
  }

  private Route route(
      HandlerType method,
      String path,
      Access access,
      java.util.function.BiConsumer<ApiHandlers, Context> handler) {
    return new Route(method, path, access, ctx -> handler.accept(attached(), ctx));
  }

  private ApiHandlers attached() {
    ApiHandlers h = handlers;
    if (h == null) {
      throw new ApiError(
          503, "starting", "the server is starting (opening the store); try again shortly", null);
    }
    return h;
  }

  private void live(Context ctx) {
    ctx.json(java.util.Map.of("status", "up"));
  }

  private void ready(Context ctx) {
    ApiHandlers h = handlers;
    if (h == null) {
      ctx.status(503);
      ctx.json(java.util.Map.of("status", "starting", "checks", java.util.Map.of()));
      return;
    }
    h.ready(ctx);
  }

  /** Starts listening; returns once the port is bound. */
  public ApiServer start() {
    app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              // platform threads: a connector busy on the CPU in a virtual thread can hog the
              // carriers, and the API must stay responsive while pipelines ingest
              cfg.useVirtualThreads = false;
              cfg.jetty.threadPool = threadPool();
              cfg.http.prefer405over404 = true;
              cfg.http.maxRequestSize = 64 * 1024;
              cfg.router.ignoreTrailingSlashes = true;
              cfg.jsonMapper(new JavalinJackson(json, false));
            });
    app.before(this::beginRequest);
    app.beforeMatched(this::authorize);
    for (Route r : routes) {
      app.addHttpHandler(r.method(), r.path(), r.handler(), r.access());
    }
    app.after(this::endRequest);
    app.exception(
        ApiError.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage(), e.field()));
    app.exception(SchedulerException.class, this::schedulerError);
    app.exception(HttpResponseException.class, this::httpError);
    app.exception(ConfigException.class, this::configError);
    app.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("request {} {} failed", ctx.method(), ctx.path(), e);
          error(
              ctx,
              500,
              "internal",
              "internal error; the server log has the details under request id "
                  + ctx.attribute("request_id"),
              null);
        });
    app.error(
        404,
        ctx -> {
          if (ctx.attribute(ERROR_WRITTEN) == null) {
            error(
                ctx,
                404,
                "not_found",
                "no such endpoint: " + ctx.method() + " " + ctx.path() + "; see /openapi.json",
                null);
          }
        });
    app.error(
        405,
        ctx -> {
          if (ctx.attribute(ERROR_WRITTEN) == null) {
            error(
                ctx,
                405,
                "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path() + "; see /openapi.json",
                null);
          }
        });
    app.start(config.host(), config.port());
    return this;
  }

  private static QueuedThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool(32, 2, 60_000);
    pool.setName("api");
    pool.setDaemon(true);
    return pool;
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    if (app == null) {
      throw new IllegalStateException("the server is not started");
    }
    return app.port();
  }

  /** Method and path of every route, in the order they are registered. */
  public List<String> routes() {
    return routes.stream().map(r -> r.method().name() + " " + r.path()).toList();
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  // ------------------------------------------------------------------ filters

  private void beginRequest(Context ctx) {
    String id = ctx.header("X-Request-Id");
    if (id == null || !SANE_ID.matcher(id).matches()) {
      byte[] b = new byte[8];
      random.nextBytes(b);
      id = HexFormat.of().formatHex(b);
    }
    ctx.attribute("request_id", id);
    ctx.attribute(STARTED_NANOS, System.nanoTime());
    ctx.header("X-Request-Id", id);
    MDC.put("request_id", id);
  }

  private void endRequest(Context ctx) {
    Long started = ctx.attribute(STARTED_NANOS);
    String route = ctx.endpointHandlerPath();
    if (started != null) {
      metrics.httpRequest(
          ctx.method().name(),
          route == null || route.isEmpty() || route.equals("*") ? "unmatched" : route,
          ctx.statusCode(),
          System.nanoTime() - started);
    }
    log.debug("{} {} -> {}", ctx.method(), ctx.path(), ctx.statusCode());
    MDC.remove("request_id");
  }

  private void authorize(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (roles.contains(Access.PUBLIC)
        || (roles.contains(Access.READ) && config.publicRead())
        || (roles.contains(Access.METRICS) && config.publicMetrics())) {
      return;
    }
    String header = ctx.header("Authorization");
    String presented = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = header.substring(7).trim();
    }
    if (!token.matches(presented)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"tributary\"");
      throw new ApiError(
          401,
          "unauthorized",
          presented == null
              ? "send the admin token as 'Authorization: Bearer <token>'; it is in the file"
                  + " admin.token in the server's data directory"
              : "the token is not valid; use the one in admin.token in the server's data"
                  + " directory",
          null);
    }
  }

  // ------------------------------------------------------------------ handlers and errors

  private void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApi);
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  private void schedulerError(SchedulerException e, Context ctx) {
    switch (e.reason()) {
      case UNKNOWN_PIPELINE, UNKNOWN_RUN -> error(ctx, 404, "not_found", e.getMessage(), null);
      case ALREADY_ACTIVE -> error(ctx, 409, "conflict", e.getMessage(), null);
      case SHUTTING_DOWN -> error(ctx, 503, "shutting_down", e.getMessage(), null);
    }
  }

  private void httpError(HttpResponseException e, Context ctx) {
    switch (e.getStatus()) {
      case 404 ->
          error(
              ctx,
              404,
              "not_found",
              "no such endpoint: " + ctx.method() + " " + ctx.path() + "; see /openapi.json",
              null);
      case 405 ->
          error(
              ctx,
              405,
              "method_not_allowed",
              ctx.method() + " is not allowed on " + ctx.path() + "; see /openapi.json",
              null);
      case 413 ->
          error(
              ctx,
              413,
              "payload_too_large",
              "the request body is larger than 64 KiB; send less",
              null);
      default -> error(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage(), null);
    }
  }

  private void configError(ConfigException e, Context ctx) {
    List<ConfigProblem> problems = e.problems();
    if (problems.isEmpty()) {
      error(ctx, 400, "invalid_request", e.getMessage(), null);
      return;
    }
    ConfigProblem first = problems.getFirst();
    String field = first.path();
    if (field != null && field.startsWith("schedule.")) {
      field = field.substring("schedule.".length());
    }
    String message =
        problems.size() == 1
            ? first.message()
            : String.join("; ", problems.stream().map(ConfigProblem::toString).toList());
    error(ctx, 400, "invalid_request", message, field);
  }

  private void error(Context ctx, int status, String code, String message, String field) {
    ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
    ctx.status(status);
    ctx.json(Views.error(code, message, field));
  }
}
