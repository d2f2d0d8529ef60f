package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.manifest.Manifest.ErrorRule;
import io.tributary.http.internal.net.HttpCall;
import io.tributary.http.internal.net.HttpReply;
import io.tributary.http.internal.net.Transport;
import io.tributary.http.internal.net.TransportException;
import io.tributary.spi.CancelledException;
import io.tributary.spi.PermanentException;
import io.tributary.spi.RetriableException;
import io.tributary.spi.store.CircuitLedger;
import io.tributary.spi.store.QuotaLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Executes one logical request with everything that makes the engine polite and resilient, in this
 * order per attempt: circuit breaker → quota budget → rate gate (Retry-After / rate-limit headers)
 * → token buckets (source, credential) → credentials → transport (SSRF guard, deadlines, caps,
 * redirects) → classification (error rules, statuses, body predicates) → retry with exponential
 * backoff and full jitter, never earlier than a {@code Retry-After}, within a total retry budget.
 * Thread-safe; one per connector.
 */
public final class HttpExecutor {
  private final Manifest manifest;
  private final SourceResources resources;
  private final HttpRuntime runtime;
  private final Transport transport;
  private final AuthSession auth;
  private final Json json;
  private final Scrubber scrubber;
  private final QuotaLedger quotas;
  private final boolean offline;
  private final Double rateOverride;
  private final Backoff backoff;

  /** A parsed response page. {@code ignored} means "no data" by an error rule. */
  public record Page(HttpReply reply, Object body, boolean ignored) {}

  HttpExecutor(
      Manifest manifest,
      SourceResources resources,
      HttpRuntime runtime,
      Transport transport,
      AuthSession auth,
      Json json,
      Scrubber scrubber,
      QuotaLedger quotas,
      CircuitLedger circuits,
      boolean offline,
      Double rateOverride) {
    this.manifest = manifest;
    this.resources = resources;
    this.runtime = runtime;
    this.transport = transport;
    this.auth = auth;
    this.json = json;
    this.scrubber = scrubber;
    this.quotas = quotas;
    this.offline = offline;
    this.rateOverride = rateOverride;
    this.backoff = new Backoff(manifest.retry().baseDelay(), manifest.retry().maxDelay());
    if (!offline) {
      // a replayed run answers from cassettes: neither bound by nor recorded in the saved breakers
      resources.breaker().bind(circuits);
    }
  }

  private sealed interface Outcome {}

  private record Ok(Page page) implements Outcome {}

  private record Retry(String why, Duration after, boolean unhealthy) implements Outcome {}

  private record Fail(String why) implements Outcome {}

  private record Refresh() implements Outcome {}

  /**
   * Fetches one page.
   *
   * @param rules the stream's error rules (checked before the manifest's)
   * @param cancelled tells when the run was cancelled
   * @throws RetriableException when retries are exhausted or the source is paused/skipped
   * @throws PermanentException when the request cannot succeed (4xx, caps, SSRF guard, error body)
   */
  public Page fetch(HttpCall call, List<ErrorRule> rules, BooleanSupplier cancelled) {
    return fetch(call, rules, cancelled, true);
  }

  /**
   * Fetches one response whose body is not JSON (a feed, an HTML page, a robots.txt): the same
   * politeness, retries and classification as {@link #fetch}, but a 2xx body is handed back
   * unparsed ({@link Page#body()} is {@code null}; read {@link Page#reply()}).
   */
  public Page fetchBytes(HttpCall call, List<ErrorRule> rules, BooleanSupplier cancelled) {
    return fetch(call, rules, cancelled, false);
  }

  private Page fetch(
      HttpCall call, List<ErrorRule> rules, BooleanSupplier cancelled, boolean parseJson) {
    List<ErrorRule> allRules = new ArrayList<>(rules);
    allRules.addAll(manifest.errors());
    Duration waited = Duration.ZERO;
    boolean refreshed = false;
    String where = call.method() + " " + AuthSession.safe(call.uri());
    try {
      for (int attempt = 1; ; attempt++) {
        if (cancelled.getAsBoolean()) {
          throw new CancelledException("run cancelled while fetching " + where);
        }
        // the breaker first: a skipped source spends no quota and waits for no rate limit
        resources.breaker().acquire();
        if (!offline) {
          try {
            consumeQuotas();
            resources.gate().await(runtime.sleeper(), manifest.rateLimit().maxWait());
            acquireBuckets();
          } catch (RuntimeException e) {
            resources.breaker().onNeutral(); // a half-open probe that never went out
            throw e;
          }
        }
        Outcome outcome;
        try {
          HttpReply reply = transport.send(auth.apply(call));
          resources
              .gate()
              .observe(
                  reply,
                  manifest.rateLimit().remainingHeader(),
                  manifest.rateLimit().resetHeader());
          outcome = classify(reply, allRules, refreshed, where, parseJson);
        } catch (TransportException e) {
          outcome =
              e.kind().retriable()
                  ? new Retry(scrubber.scrub(e.getMessage()), null, true)
                  : new Fail(scrubber.scrub(e.getMessage()));
        } catch (RetriableException e) {
          outcome = new Retry(e.getMessage(), null, true);
        } catch (PermanentException e) {
          resources.breaker().onNeutral();
          throw e;
        }
        switch (outcome) {
          case Ok ok -> {
            resources.breaker().onSuccess();
            return ok.page();
          }
          case Fail f -> {
            resources.breaker().onNeutral();
            throw new PermanentException(f.why());
          }
          case Refresh r -> {
            resources.breaker().onSuccess();
            auth.invalidate();
            refreshed = true;
          }
          case Retry r -> {
            if (r.unhealthy()) {
              resources.breaker().onFailure();
            } else {
              resources.breaker().onNeutral();
            }
            if (attempt >= manifest.retry().maxAttempts()) {
              throw new RetriableException(
                  "gave up on "
                      + where
                      + " after "
                      + attempt
                      + " attempts (retry.max_attempts); last: "
                      + r.why());
            }
            Duration delay;
            synchronized (runtime.random()) {
              delay = backoff.delay(attempt - 1, runtime.random());
            }
            if (r.after() != null) {
              if (r.after().compareTo(delay) > 0) {
                delay = r.after();
              }
              resources
                  .gate()
                  .pauseUntil(
                      runtime.clock().instant().plus(r.after()), "Retry-After from " + where);
            }
            if (waited.plus(delay).compareTo(manifest.retry().budget()) > 0) {
              throw new RetriableException(
                  "gave up on "
                      + where
                      + ": waiting "
                      + delay.toSeconds()
                      + "s more would exceed retry.budget ("
                      + manifest.retry().budget().toSeconds()
                      + "s); last: "
                      + r.why());
            }
            runtime.sleeper().sleep(delay);
            waited = waited.plus(delay);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted while fetching " + where);
    }
  }

  private void acquireBuckets() throws InterruptedException {
    Manifest.RateLimit rl = manifest.rateLimit();
    Double perSource = rateOverride != null ? rateOverride : rl.requestsPerSecond();
    if (perSource != null) {
      resources.bucket("source", perSource, rl.burst()).acquire(runtime.sleeper());
    }
    if (rl.perCredentialPerSecond() != null) {
      resources
          .bucket("credential:" + auth.credentialKey(), rl.perCredentialPerSecond(), rl.burst())
          .acquire(runtime.sleeper());
    }
  }

  private void consumeQuotas() throws InterruptedException {
    for (Manifest.Quota q : manifest.quotas()) {
      String bucket =
          manifest.name()
              + ":"
              + (q.perCredential() ? auth.credentialKey() : "source")
              + ":"
              + q.per().name().toLowerCase(java.util.Locale.ROOT);
      while (true) {
        Instant now = runtime.clock().instant();
        Instant start = windowStart(now, q.per());
        if (quotas.tryConsume(bucket, start, 1, q.limit())) {
          break;
        }
        Instant end = windowEnd(start, q.per());
        Duration wait = Duration.between(now, end);
        if (wait.compareTo(manifest.rateLimit().maxWait()) > 0) {
          throw new RetriableException(
              "the quota of "
                  + q.limit()
                  + " calls per "
                  + q.per().name().toLowerCase(java.util.Locale.ROOT)
                  + " for '"
                  + manifest.name()
                  + "'"
                  + (q.perCredential() ? " (this credential)" : "")
                  + " is spent; it renews at "
                  + end
                  + "; run again then or raise the plan's quota");
        }
        runtime.sleeper().sleep(wait);
      }
    }
  }

  static Instant windowStart(Instant now, Manifest.QuotaWindow per) {
    return switch (per) {
      case MINUTE -> now.truncatedTo(ChronoUnit.MINUTES);
      case HOUR -> now.truncatedTo(ChronoUnit.HOURS);
      case DAY -> now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    };
  }

  static Instant windowEnd(Instant start, Manifest.QuotaWindow per) {
    return switch (per) {
      case MINUTE -> start.plus(1, ChronoUnit.MINUTES);
      case HOUR -> start.plus(1, ChronoUnit.HOURS);
      case DAY -> start.plus(1, ChronoUnit.DAYS);
    };
  }

  // ------------------------------------------------------------------ classification

  private Outcome classify(
      HttpReply reply, List<ErrorRule> rules, boolean refreshed, String where, boolean parseJson) {
    int status = reply.status();
    Object[] parsed = new Object[1];
    boolean[] parsedDone = new boolean[1];
    for (ErrorRule rule : rules) {
      if (matches(rule, reply, parsed, parsedDone)) {
        String detail =
            rule.pointer() == null ? "" : describe(Json.pointer(parsed[0], rule.pointer()));
        String message =
            (rule.message() != null ? rule.message() : "the response matched an error rule")
                + " (HTTP "
                + status
                + " from "
                + where
                + (detail.isEmpty() ? "" : ": " + detail)
                + ")";
        return switch (rule.action()) {
          case IGNORE -> new Ok(new Page(reply, null, true));
          case FAIL -> new Fail(scrubber.scrub(message));
          case RETRY ->
              new Retry(
                  scrubber.scrub(message),
                  RateGate.retryAfter(reply.header("retry-after").orElse(null), runtime.clock())
                      .orElse(null),
                  false);
        };
      }
    }
    if (status >= 200 && status < 300) {
      if (!parseJson) {
        return new Ok(new Page(reply, null, false));
      }
      try {
        Object body = parsedDone[0] ? parsed[0] : json.parse(reply.body());
        return new Ok(new Page(reply, body, false));
      } catch (Json.BadJson e) {
        if (e.truncated()) {
          return new Retry(e.getMessage() + " from " + where, null, true);
        }
        return new Fail(e.getMessage() + " (HTTP " + status + " from " + where + ")");
      }
    }
    Optional<Duration> retryAfter =
        RateGate.retryAfter(reply.header("retry-after").orElse(null), runtime.clock());
    String serverSays = errorText(reply);
    String base =
        "HTTP " + status + " from " + where + (serverSays.isEmpty() ? "" : ": " + serverSays);
    if (status == 401 && auth.refreshable() && !refreshed) {
      return new Refresh();
    }
    if (manifest.retry().statuses().contains(status)) {
      return new Retry(scrubber.scrub(base), retryAfter.orElse(null), status >= 500);
    }
    if (status == 403
        && (retryAfter.isPresent()
            || reply
                .header(manifest.rateLimit().remainingHeader())
                .map(v -> v.trim().equals("0"))
                .orElse(false))) {
      return new Retry(scrubber.scrub(base + " (rate limited)"), retryAfter.orElse(null), false);
    }
    String hint =
        switch (status) {
          case 401 -> "; check the credentials in the pipeline's source config";
          case 403 -> "; the credentials lack permission for this resource";
          case 404 -> "; check the path and the partition values";
          case 400, 422 -> "; check the request parameters";
          default -> "";
        };
    return new Fail(scrubber.scrub(base + hint));
  }

  private boolean matches(ErrorRule rule, HttpReply reply, Object[] parsed, boolean[] parsedDone) {
    if (!rule.statuses().isEmpty() && !rule.statuses().contains(reply.status())) {
      return false;
    }
    if (rule.header() != null && reply.header(rule.header()).isEmpty()) {
      return false;
    }
    if (rule.pointer() == null) {
      return true;
    }
    if (!parsedDone[0]) {
      parsedDone[0] = true;
      try {
        parsed[0] = json.parse(reply.body());
      } catch (Json.BadJson e) {
        parsed[0] = null;
        parsedDone[0] = false;
        return false;
      }
    }
    Object v = Json.pointer(parsed[0], rule.pointer());
    if (rule.exists() != null) {
      return (v != null) == rule.exists();
    }
    if (rule.equalsValue() != null) {
      return v != null && looselyEqual(rule.equalsValue(), v);
    }
    if (rule.matches() != null) {
      return v != null && Pattern.compile(rule.matches()).matcher(describe(v)).find();
    }
    return v != null;
  }

  private static boolean looselyEqual(Object expected, Object actual) {
    if (expected instanceof Number a && actual instanceof Number b) {
      return new java.math.BigDecimal(a.toString())
              .compareTo(new java.math.BigDecimal(b.toString()))
          == 0;
    }
    return Objects.equals(String.valueOf(expected), String.valueOf(actual));
  }

  private static String describe(Object v) {
    if (v == null) {
      return "";
    }
    String s = v instanceof String str ? str : String.valueOf(v);
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  /** A short error text from a JSON error body ({@code message}, {@code error}, ...). */
  private String errorText(HttpReply reply) {
    Object body;
    try {
      body = json.parse(reply.body());
    } catch (Json.BadJson e) {
      String text = new String(reply.body(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() || text.startsWith("<")
          ? ""
          : scrubber.scrub(describe(text.length() > 120 ? text.substring(0, 120) : text));
    }
    for (String p :
        new String[] {
          "/message",
          "/error/message",
          "/error_description",
          "/error",
          "/errors/0/message",
          "/status/message"
        }) {
      Object v = Json.pointer(body, p);
      if (v instanceof String s && !s.isBlank()) {
        return scrubber.scrub(describe(s));
      }
    }
    return "";
  }
}
