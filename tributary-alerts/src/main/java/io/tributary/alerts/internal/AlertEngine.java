package io.tributary.alerts.internal;

import io.tributary.alerts.Alert;
import io.tributary.alerts.AlertEvent;
import io.tributary.alerts.AlertQuery;
import io.tributary.alerts.AlertStatus;
import io.tributary.alerts.AlertStore;
import io.tributary.alerts.DeliveryState;
import io.tributary.alerts.Notice;
import io.tributary.alerts.NoticeKind;
import io.tributary.alerts.RuleState;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates rules against runs, events and clock ticks, and keeps one {@link Alert} per incident:
 * it fires once when a condition starts to hold, groups later matches into it, reminds at the
 * rule's interval while unacknowledged and resolves it when the condition clears. State lives in
 * the {@link AlertStore}, so a restart continues where it stopped.
 *
 * <p>Threading: {@link #register}, {@link #unregister}, {@link #onRun}, {@link #onEvent} and {@link
 * #tick} are called from one thread at a time (the alerting module's evaluation thread); {@link
 * #ack}, {@link #channel} and {@link #scrubber} may be called from any thread. New notices are
 * handed to the {@link Notifier} after the store has them.
 */
public final class AlertEngine {
  private static final int SEEN_RUNS = 100;
  private static final int MAX_WINDOW_EVENTS = 100_000;
  private static final int MAX_TEXT = 80;
  private static final Duration GROUP_WRITE_INTERVAL = Duration.ofSeconds(10);

  /** Receives each new notice once the store holds it. */
  @FunctionalInterface
  public interface Notifier {
    void notify(Alert alert, Notice notice);
  }

  private final Clock clock;
  private final AlertStore store;
  private final ConfigReader.Global global;
  private final Notifier notifier;
  private final Map<String, ConfigReader.PipelineRules> pipelines = new ConcurrentHashMap<>();
  private final Map<String, Window> windows = new HashMap<>();
  private final Map<String, Integer> pendingOccurrences = new HashMap<>();
  private volatile Scrubber scrubber;
  private List<Map.Entry<Alert, Notice>> outbox = new ArrayList<>();
  private int depth;

  /** Requests of one rule and subject within an error-rate window. */
  private static final class Window {
    final RuleDef rule;
    final String pipeline;
    final String source;
    final ArrayDeque<long[]> events = new ArrayDeque<>();
    long errors;

    Window(RuleDef rule, String pipeline, String source) {
      this.rule = rule;
      this.pipeline = pipeline;
      this.source = source;
    }

    void prune(long fromMillis) {
      while (!events.isEmpty()
          && (events.peekFirst()[0] < fromMillis || events.size() > MAX_WINDOW_EVENTS)) {
        errors -= events.pollFirst()[1];
      }
    }
  }

  public AlertEngine(Clock clock, AlertStore store, ConfigReader.Global global, Notifier notifier) {
    this.clock = clock;
    this.store = store;
    this.global = global;
    this.notifier = notifier;
    rebuildScrubber();
  }

  // ---------------------------------------------------------------- pipelines

  /** Sets (or replaces) a pipeline's rules; open alerts of rules that are gone resolve. */
  public void register(ConfigReader.PipelineRules rules) {
    pipelines.put(rules.pipeline(), rules);
    rebuildScrubber();
    Set<String> ids = new LinkedHashSet<>();
    rules.rules().forEach(r -> ids.add(r.id()));
    run(
        () -> {
          for (Alert a : openAlerts(rules.pipeline())) {
            if (a.ruleId().startsWith(ConfigReader.scope(rules.pipeline()))
                && !ids.contains(a.ruleId())) {
              resolveAlert(a, "the rule was removed from the pipeline");
            }
          }
          Instant now = clock.instant();
          for (RuleDef r : rulesFor(rules.pipeline())) {
            if (r.type() == RuleType.FRESHNESS) {
              String key = key(r, rules.pipeline(), null, null);
              if (store.state(key).isEmpty()) {
                store.putState(RuleState.initial(key, now));
              }
            }
          }
        });
  }

  /** Forgets a pipeline; its own rules' open alerts resolve. */
  public void unregister(String pipeline) {
    if (pipelines.remove(pipeline) == null) {
      return;
    }
    run(
        () -> {
          for (Alert a : openAlerts(pipeline)) {
            if (a.ruleId().startsWith(ConfigReader.scope(pipeline))) {
              resolveAlert(a, "the pipeline was removed");
            }
          }
        });
  }

  /** Resolves open alerts of global rules that the global configuration no longer has. */
  public void start() {
    Set<String> ids = new LinkedHashSet<>();
    global.rules().forEach(r -> ids.add(r.id()));
    run(
        () -> {
          for (Alert a : openAlerts(null)) {
            if (a.ruleId().startsWith(ConfigReader.scope(null)) && !ids.contains(a.ruleId())) {
              resolveAlert(a, "the rule was removed from the global alerts file");
            }
          }
        });
  }

  public Set<String> pipelines() {
    return Set.copyOf(pipelines.keySet());
  }

  /** The channel {@code id}: global, or written in a registered pipeline's rule. */
  public Optional<ChannelDef> channel(String id) {
    ChannelDef g = global.channels().get(id);
    if (g != null) {
      return Optional.of(g);
    }
    for (ConfigReader.PipelineRules p : pipelines.values()) {
      ChannelDef c = p.channels().get(id);
      if (c != null) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Knows every secret of the global file and of every registered pipeline. */
  public Scrubber scrubber() {
    return scrubber;
  }

  private void rebuildScrubber() {
    Set<String> all = new LinkedHashSet<>(global.secrets());
    pipelines.values().forEach(p -> all.addAll(p.secrets()));
    scrubber = new Scrubber(all);
  }

  private List<RuleDef> rulesFor(String pipeline) {
    List<RuleDef> out = new ArrayList<>();
    if (pipeline != null) {
      ConfigReader.PipelineRules p = pipelines.get(pipeline);
      if (p != null) {
        out.addAll(p.rules());
      }
    }
    for (RuleDef r : global.rules()) {
      if (r.appliesTo(pipeline)) {
        out.add(r);
      }
    }
    return out;
  }

  private Optional<RuleDef> rule(String id) {
    for (RuleDef r : global.rules()) {
      if (r.id().equals(id)) {
        return Optional.of(r);
      }
    }
    for (ConfigReader.PipelineRules p : pipelines.values()) {
      for (RuleDef r : p.rules()) {
        if (r.id().equals(id)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- runs

  /** Evaluates a finished run of {@code pipeline}; a run seen before is ignored. */
  public void onRun(String pipeline, RunInfo r) {
    if (!r.status().finished()) {
      return;
    }
    run(
        () -> {
          String seenKey = "runs|" + clip(pipeline);
          RuleState seen = store.state(seenKey).orElse(RuleState.initial(seenKey, clock.instant()));
          String runKey = hash(r.id());
          if (seen.seen().contains(runKey)) {
            return;
          }
          List<String> ids = new ArrayList<>(seen.seen());
          ids.add(runKey);
          store.putState(
              seen.withSeen(ids.subList(Math.max(0, ids.size() - SEEN_RUNS), ids.size())));
          for (RuleDef rule : rulesFor(pipeline)) {
            switch (rule.type()) {
              case CONSECUTIVE_FAILURES -> failures(rule, pipeline, r);
              case QUALITY_SCORE -> quality(rule, pipeline, r);
              case DURATION -> duration(rule, pipeline, r);
              case QUARANTINE_GROWTH -> quarantine(rule, pipeline, r);
              case FRESHNESS -> freshData(rule, pipeline, r);
              default -> {
                // event rules ignore runs
              }
            }
          }
        });
  }

  private void failures(RuleDef rule, String pipeline, RunInfo r) {
    boolean partialFails = rule.bool("include_partial");
    boolean failed =
        r.status() == RunStatus.FAILED
            || (partialFails && r.status() == RunStatus.PARTIALLY_FAILED);
    boolean succeeded =
        r.status() == RunStatus.SUCCEEDED
            || (!partialFails && r.status() == RunStatus.PARTIALLY_FAILED);
    String key = key(rule, pipeline, null, null);
    RuleState st = state(key);
    long n = rule.integer("threshold");
    if (failed) {
      st = st.withStreak(st.streak() + 1);
      if (st.streak() >= n) {
        st =
            fire(
                rule,
                pipeline,
                st,
                new Finding(
                    null,
                    null,
                    String.valueOf(st.streak()),
                    ">= " + n,
                    st.streak() + " failed runs in a row",
                    r.id()));
      }
    } else if (succeeded) {
      st = resolve(st.withStreak(0), "run " + r.id() + " " + r.status().wire());
    }
    store.putState(st);
  }

  private void quality(RuleDef rule, String pipeline, RunInfo r) {
    if (rule.bool("per_stream")) {
      for (StreamRun s : r.streams()) {
        qualityOf(rule, pipeline, s.stream(), s.counts(), r.id());
      }
    } else {
      qualityOf(rule, pipeline, null, r.counts(), r.id());
    }
  }

  private void qualityOf(RuleDef rule, String pipeline, String stream, Counts c, String runId) {
    if (c == null || c.read() < Math.max(1, rule.integer("min_checked"))) {
      return;
    }
    double score = Math.max(0, Math.min(1, 1 - (double) c.quarantined() / c.read()));
    double threshold = rule.number("threshold");
    String key = key(rule, pipeline, stream, null);
    RuleState st = state(key);
    if (score < threshold) {
      st =
          fire(
              rule,
              pipeline,
              st,
              new Finding(
                  clip(stream),
                  null,
                  fmt(score),
                  "< " + fmt(threshold),
                  "quality score "
                      + fmt(score)
                      + " is below "
                      + fmt(threshold)
                      + " ("
                      + c.quarantined()
                      + " of "
                      + c.read()
                      + " records quarantined)",
                  runId));
    } else {
      st = resolve(st, "run " + runId + " scored " + fmt(score));
    }
    store.putState(st);
  }

  private void duration(RuleDef rule, String pipeline, RunInfo r) {
    if (r.startedAt() == null || r.finishedAt() == null) {
      return;
    }
    Duration took = Duration.between(r.startedAt(), r.finishedAt());
    Duration sla = rule.duration("sla");
    String key = key(rule, pipeline, null, null);
    RuleState st = state(key);
    if (took.compareTo(sla) > 0) {
      st =
          fire(
              rule,
              pipeline,
              st,
              new Finding(
                  null,
                  null,
                  Durations.format(took),
                  "<= " + Durations.format(sla),
                  "run took "
                      + Durations.format(took)
                      + ", longer than its SLA of "
                      + Durations.format(sla),
                  r.id()));
    } else {
      st = resolve(st, "run " + r.id() + " took " + Durations.format(took));
    }
    store.putState(st);
  }

  private void quarantine(RuleDef rule, String pipeline, RunInfo r) {
    if (r.status() == RunStatus.CANCELLED) {
      return;
    }
    String key = key(rule, pipeline, null, null);
    RuleState st = state(key);
    long q = r.counts().quarantined();
    List<Double> recent = st.recent();
    double factor = rule.number("factor");
    long min = rule.integer("min_records");
    if (!recent.isEmpty()) {
      double mean = recent.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      if (q >= min && q >= factor * mean) {
        st =
            fire(
                rule,
                pipeline,
                st,
                new Finding(
                    null,
                    null,
                    String.valueOf(q),
                    ">= " + fmt(factor) + " x " + fmt(mean),
                    q
                        + " records quarantined, "
                        + (mean == 0
                            ? "up from none"
                            : fmt(q / mean) + " times the average of " + fmt(mean))
                        + " over the last "
                        + recent.size()
                        + " run(s)",
                    r.id()));
      } else {
        st = resolve(st, "run " + r.id() + " quarantined " + q + " records");
      }
    }
    List<Double> next = new ArrayList<>(recent);
    next.add((double) q);
    int keep = (int) rule.integer("baseline_runs");
    store.putState(st.withRecent(next.subList(Math.max(0, next.size() - keep), next.size())));
  }

  private void freshData(RuleDef rule, String pipeline, RunInfo r) {
    if (r.counts().written() <= 0) {
      return;
    }
    String key = key(rule, pipeline, null, null);
    RuleState st = state(key);
    Instant at = r.finishedAt() == null ? clock.instant() : r.finishedAt();
    st =
        resolve(st.withLastAt(at), "run " + r.id() + " wrote " + r.counts().written() + " records");
    store.putState(st);
  }

  // ---------------------------------------------------------------- events

  /** Evaluates an event published by another module. */
  public void onEvent(AlertEvent e) {
    Instant at = e.at() == null ? clock.instant() : e.at();
    run(
        () -> {
          for (RuleDef rule : rulesFor(e.pipeline())) {
            switch (rule.type()) {
              case RESPONSE_TIME -> {
                if (AlertEvent.HTTP_REQUEST.equals(e.type())) {
                  responseTime(rule, e);
                }
              }
              case ERROR_RATE -> {
                if (AlertEvent.HTTP_REQUEST.equals(e.type())) {
                  errorRate(rule, e, at);
                }
              }
              case ANOMALY -> {
                if (AlertEvent.ANOMALY.equals(e.type())) {
                  anomaly(rule, e, at);
                }
              }
              case EVENT -> event(rule, e, at);
              default -> {
                // run rules ignore events
              }
            }
          }
        });
  }

  private void responseTime(RuleDef rule, AlertEvent e) {
    double ms = e.number("duration_ms", -1);
    if (ms < 0) {
      return;
    }
    Duration took = Duration.ofMillis((long) ms);
    Duration limit = rule.duration("threshold");
    String source = clip(e.source());
    String key = key(rule, e.pipeline(), null, source);
    if (took.compareTo(limit) > 0) {
      RuleState st = state(key);
      st =
          fire(
              rule,
              e.pipeline(),
              st,
              new Finding(
                  null,
                  source,
                  Durations.format(took),
                  "<= " + Durations.format(limit),
                  "an HTTP request"
                      + (source == null ? "" : " to " + source)
                      + " took "
                      + Durations.format(took)
                      + ", longer than "
                      + Durations.format(limit),
                  null));
      store.putState(st);
    } else {
      resolveIfOpen(key, "a request took " + Durations.format(took));
    }
  }

  private void errorRate(RuleDef rule, AlertEvent e, Instant at) {
    String source = clip(e.source());
    String key = key(rule, e.pipeline(), null, source);
    Window w = windows.computeIfAbsent(key, k -> new Window(rule, e.pipeline(), source));
    boolean error =
        Boolean.TRUE.equals(e.attributes().get("error"))
            || (e.attributes().get("status") instanceof Number s
                && (s.intValue() >= 500 || s.intValue() == 0));
    w.events.addLast(new long[] {at.toEpochMilli(), error ? 1 : 0});
    w.errors += error ? 1 : 0;
    w.prune(at.toEpochMilli() - rule.duration("window").toMillis());
    evaluateWindow(key, w);
  }

  private void evaluateWindow(String key, Window w) {
    RuleDef rule = w.rule;
    int total = w.events.size();
    if (total == 0) {
      resolveIfOpen(key, "no requests within " + Durations.format(rule.duration("window")));
      return;
    }
    if (total < rule.integer("min_events")) {
      return;
    }
    double rate = (double) w.errors / total;
    double threshold = rule.number("threshold");
    String window = Durations.format(rule.duration("window"));
    if (rate > threshold) {
      RuleState st = state(key);
      st =
          fire(
              rule,
              w.pipeline,
              st,
              new Finding(
                  null,
                  w.source,
                  pct(rate),
                  "<= " + pct(threshold),
                  pct(rate)
                      + " of HTTP requests"
                      + (w.source == null ? "" : " to " + w.source)
                      + " failed in the last "
                      + window
                      + " ("
                      + w.errors
                      + " of "
                      + total
                      + ")",
                  null));
      store.putState(st);
    } else {
      resolveIfOpen(key, "error rate " + pct(rate) + " over the last " + window);
    }
  }

  private void anomaly(RuleDef rule, AlertEvent e, Instant at) {
    String metric = clip(e.attributes().get("metric") instanceof String m ? m : null);
    List<String> metrics = rule.params().strings("metrics");
    if (!metrics.isEmpty() && !metrics.contains(metric)) {
      return;
    }
    double score = e.number("score", 0);
    if (score < rule.number("min_score")) {
      return;
    }
    String stream = clip(e.stream());
    String key = key(rule, e.pipeline(), stream, metric);
    RuleState st = state(key).withLastAt(at);
    st =
        fire(
            rule,
            e.pipeline(),
            st,
            new Finding(
                stream,
                metric,
                number(e, "value"),
                "expected " + number(e, "expected"),
                "anomaly in "
                    + (metric == null ? "a metric" : metric)
                    + ": "
                    + number(e, "value")
                    + " where "
                    + number(e, "expected")
                    + " was expected (score "
                    + number(e, "score")
                    + ")",
                null));
    store.putState(st);
  }

  private void event(RuleDef rule, AlertEvent e, Instant at) {
    String type = rule.params().string("event");
    Optional<String> resolveOn = rule.params().optString("resolve_on");
    if (resolveOn.isPresent() && resolveOn.get().equals(e.type())) {
      String prefix = rule.id() + "|" + Objects.toString(clip(e.pipeline()), "") + "|";
      for (RuleState st : store.states(prefix)) {
        if (st.openAlertId() != null) {
          store.putState(resolve(st, "event " + e.type()));
        }
      }
      // an event that fired without a pipeline (e.g. a pipeline file that never loaded) is
      // resolved by the resolving event of the same source, which may name the pipeline
      String source = clip(e.source());
      if (e.pipeline() != null && source != null) {
        for (RuleState st : store.states(rule.id() + "||")) {
          if (st.openAlertId() != null && st.key().endsWith("|" + source)) {
            store.putState(resolve(st, "event " + e.type() + " from " + source));
          }
        }
      }
      return;
    }
    if (!type.equals(e.type())) {
      return;
    }
    String stream = clip(e.stream());
    String source = clip(e.source());
    String key = key(rule, e.pipeline(), stream, source);
    RuleState st = state(key).withLastAt(at);
    st =
        fire(
            rule,
            e.pipeline(),
            st,
            new Finding(
                stream,
                source,
                clip(e.type()),
                null,
                "event " + clip(e.type()) + (source == null ? "" : " from " + source),
                null));
    store.putState(st);
  }

  // ---------------------------------------------------------------- tick

  /** Checks time-based conditions (freshness, expiry, error-rate windows) and due reminders. */
  public void tick() {
    Instant now = clock.instant();
    run(
        () -> {
          flushOccurrences();
          for (String pipeline : pipelines.keySet()) {
            for (RuleDef rule : rulesFor(pipeline)) {
              if (rule.type() == RuleType.FRESHNESS) {
                freshness(rule, pipeline, now);
              }
            }
          }
          for (RuleDef rule : allRules()) {
            if ((rule.type() == RuleType.ANOMALY || rule.type() == RuleType.EVENT)
                && !RuleType.NEVER.equals(rule.params().string("resolve_after"))) {
              Duration after = rule.duration("resolve_after");
              for (RuleState st : store.states(rule.id() + "|")) {
                if (st.openAlertId() != null
                    && st.lastAt() != null
                    && !now.isBefore(st.lastAt().plus(after))) {
                  store.putState(resolve(st, "nothing new for " + Durations.format(after)));
                }
              }
            }
          }
          for (Map.Entry<String, Window> e : new ArrayList<>(windows.entrySet())) {
            Window w = e.getValue();
            w.prune(now.toEpochMilli() - w.rule.duration("window").toMillis());
            evaluateWindow(e.getKey(), w);
            if (w.events.isEmpty()) {
              windows.remove(e.getKey());
            }
          }
          for (Alert a :
              store.list(new AlertQuery(null, AlertStatus.FIRING, 0, Integer.MAX_VALUE))) {
            rule(a.ruleId()).ifPresent(r -> remindIfDue(r, a, now));
          }
        });
  }

  private void freshness(RuleDef rule, String pipeline, Instant now) {
    String key = key(rule, pipeline, null, null);
    RuleState st = state(key);
    Instant since = st.lastAt() != null ? st.lastAt() : st.since();
    Duration age = Duration.between(since, now);
    Duration max = rule.duration("max_age");
    if (age.compareTo(max) > 0) {
      st =
          fire(
              rule,
              pipeline,
              st,
              new Finding(
                  null,
                  null,
                  Durations.format(age),
                  "<= " + Durations.format(max),
                  "no new data for "
                      + Durations.format(age)
                      + " (allowed: "
                      + Durations.format(max)
                      + ")",
                  null));
    } else {
      st = resolve(st, "new data " + Durations.format(age) + " ago");
    }
    store.putState(st);
  }

  private List<RuleDef> allRules() {
    List<RuleDef> all = new ArrayList<>(global.rules());
    pipelines.values().forEach(p -> all.addAll(p.rules()));
    return all;
  }

  // ---------------------------------------------------------------- ack

  /**
   * Acknowledges alert {@code id}: no more reminders; channels that track incidents are told.
   * Thread-safe.
   *
   * @return the alert, or empty when there is none with this id
   */
  public Optional<Alert> ack(String id, String by) {
    Instant now = clock.instant();
    String who = by == null || by.isBlank() ? "someone" : scrubber.clip(by, MAX_TEXT);
    List<Map.Entry<Alert, Notice>> sent = new ArrayList<>();
    Optional<Alert> result =
        store.update(
            id,
            a -> {
              if (a.acknowledged()) {
                return a;
              }
              Alert.Builder b =
                  a.toBuilder()
                      .acknowledgedAt(now)
                      .acknowledgedBy(who)
                      .addHistory(now, "acknowledged by " + who);
              if (a.firing()) {
                Alert acked = b.build();
                Notice n = notice(acked, NoticeKind.ACKNOWLEDGED, now);
                if (!n.deliveries().isEmpty()) {
                  b.addNotice(n);
                  sent.clear();
                  sent.add(Map.entry(b.build(), n));
                }
              }
              return b.build();
            });
    for (Map.Entry<Alert, Notice> e : sent) {
      notifier.notify(e.getKey(), e.getValue());
    }
    return result;
  }

  // ---------------------------------------------------------------- firing and resolving

  private RuleState state(String key) {
    return store.state(key).orElse(RuleState.initial(key, clock.instant()));
  }

  /** The state key of a rule and subject; scrubbed, since it is stored. */
  private String key(RuleDef rule, String pipeline, String stream, String source) {
    return rule.id()
        + "|"
        + Objects.toString(clip(pipeline), "")
        + "|"
        + Objects.toString(clip(stream), "")
        + "|"
        + Objects.toString(clip(source), "");
  }

  /** Opens an incident for {@code st} or groups this match into the open one. */
  private RuleState fire(RuleDef rule, String pipeline, RuleState st, Finding f) {
    Instant now = clock.instant();
    Scrubber s = scrubber;
    Optional<Alert> open =
        Optional.ofNullable(st.openAlertId()).flatMap(store::get).filter(Alert::firing);
    if (open.isPresent()) {
      Alert a = open.get();
      boolean reminderDue = reminderDue(rule, a, now);
      boolean writeDue =
          reminderDue
              || a.lastSeenAt() == null
              || !now.isBefore(a.lastSeenAt().plus(GROUP_WRITE_INTERVAL))
              || !Objects.equals(a.runId(), s.clip(f.runId(), MAX_TEXT));
      if (!writeDue) {
        pendingOccurrences.merge(a.id(), 1, Integer::sum);
        return st;
      }
      int extra = pendingOccurrences.getOrDefault(a.id(), 0);
      pendingOccurrences.remove(a.id());
      Alert.Builder b =
          a.toBuilder()
              .occurrences(a.occurrences() + 1 + extra)
              .lastSeenAt(now)
              .value(s.clip(f.value(), MAX_TEXT))
              .threshold(s.clip(f.threshold(), MAX_TEXT))
              .summary(s.clip(f.summary(), 2 * MAX_TEXT + MAX_TEXT))
              .runId(s.clip(f.runId(), MAX_TEXT));
      Alert updated = b.build();
      if (reminderDue) {
        updated = remind(updated, now);
      }
      store.put(updated);
      return st;
    }
    String id = newId(st.key(), now);
    Alert a =
        new Alert.Builder()
                .id(id)
                .ruleId(rule.id())
                .rule(rule.name())
                .ruleType(rule.type().wire())
                .severity(rule.severity())
                .pipeline(s.clip(pipeline, MAX_TEXT))
                .stream(s.clip(f.stream(), MAX_TEXT))
                .source(s.clip(f.source(), MAX_TEXT))
                .status(AlertStatus.FIRING)
                .summary(s.clip(f.summary(), 3 * MAX_TEXT))
                .value(s.clip(f.value(), MAX_TEXT))
                .threshold(s.clip(f.threshold(), MAX_TEXT))
                .runId(s.clip(f.runId(), MAX_TEXT))
                .firedAt(now)
                .lastSeenAt(now)
                .occurrences(1)
                .lastNotifiedAt(now)
                .channels(rule.channels())
                .addHistory(now, "fired: " + s.clip(f.summary(), 3 * MAX_TEXT))
                .build();
    Notice n = notice(a, NoticeKind.FIRED, now);
    a = a.toBuilder().addNotice(n).build();
    store.put(a);
    outbox.add(Map.entry(a, n));
    return st.withOpenAlertId(id);
  }

  private boolean reminderDue(RuleDef rule, Alert a, Instant now) {
    return rule.renotify() != null
        && !a.acknowledged()
        && a.lastNotifiedAt() != null
        && !now.isBefore(a.lastNotifiedAt().plus(rule.renotify()));
  }

  private void remindIfDue(RuleDef rule, Alert a, Instant now) {
    if (reminderDue(rule, a, now)) {
      store.put(remind(a, now));
    }
  }

  private Alert remind(Alert a, Instant now) {
    Alert base = a.toBuilder().lastNotifiedAt(now).build();
    Notice n = notice(base, NoticeKind.REMINDER, now);
    Alert out =
        base.toBuilder()
            .addNotice(n)
            .addHistory(now, "reminder: still firing after " + a.occurrences() + " occurrence(s)")
            .build();
    outbox.add(Map.entry(out, n));
    return out;
  }

  private void resolveIfOpen(String key, String reason) {
    store
        .state(key)
        .filter(st -> st.openAlertId() != null)
        .ifPresent(st -> store.putState(resolve(st, reason)));
  }

  /** Resolves the open incident of {@code st}, if any. */
  private RuleState resolve(RuleState st, String reason) {
    if (st.openAlertId() == null) {
      return st;
    }
    store.get(st.openAlertId()).filter(Alert::firing).ifPresent(a -> resolveAlert(a, reason));
    return st.withOpenAlertId(null);
  }

  private void resolveAlert(Alert a, String reason) {
    Instant now = clock.instant();
    int extra = pendingOccurrences.getOrDefault(a.id(), 0);
    pendingOccurrences.remove(a.id());
    Alert resolved =
        a.toBuilder()
            .status(AlertStatus.RESOLVED)
            .resolvedAt(now)
            .occurrences(a.occurrences() + extra)
            .addHistory(now, "resolved: " + scrubber.clip(reason, 3 * MAX_TEXT))
            .build();
    Notice n = notice(resolved, NoticeKind.RESOLVED, now);
    if (!n.deliveries().isEmpty()) {
      resolved = resolved.toBuilder().addNotice(n).build();
      outbox.add(Map.entry(resolved, n));
    }
    store.put(resolved);
    for (RuleState st : store.states(a.ruleId() + "|")) {
      if (a.id().equals(st.openAlertId())) {
        store.putState(st.withOpenAlertId(null));
      }
    }
  }

  private void flushOccurrences() {
    for (Map.Entry<String, Integer> e : new LinkedHashMap<>(pendingOccurrences).entrySet()) {
      store.update(
          e.getKey(), a -> a.toBuilder().occurrences(a.occurrences() + e.getValue()).build());
    }
    pendingOccurrences.clear();
  }

  /** A notice of {@code kind}, with a pending delivery to each channel that wants it. */
  private Notice notice(Alert a, NoticeKind kind, Instant now) {
    List<Notice.Delivery> deliveries = new ArrayList<>();
    for (String id : a.channels()) {
      Optional<ChannelDef> c = channel(id);
      if (c.isPresent()
          && a.severity().atLeast(c.get().minSeverity())
          && accepts(c.get().type(), kind)) {
        deliveries.add(new Notice.Delivery(id, DeliveryState.PENDING, 0, null, now));
      }
    }
    return new Notice(MessageText.notification(a, kind, now, scrubber), deliveries);
  }

  static boolean accepts(ChannelType type, NoticeKind kind) {
    return switch (type) {
      case SLACK, WEBHOOK -> true;
      case EMAIL -> kind != NoticeKind.ACKNOWLEDGED;
      case PAGERDUTY -> kind != NoticeKind.REMINDER;
    };
  }

  private List<Alert> openAlerts(String pipeline) {
    return store.list(new AlertQuery(pipeline, AlertStatus.FIRING, 0, Integer.MAX_VALUE));
  }

  private String newId(String key, Instant now) {
    for (int i = 0; ; i++) {
      String id = hash(key + "|" + now.toEpochMilli() + "|" + i);
      if (store.get(id).isEmpty()) {
        return id;
      }
    }
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  /**
   * Runs several calls ({@link #onRun}, {@link #onEvent}, …) as one: the store writes once and the
   * new notices reach the notifier after that write.
   */
  public void batch(Runnable work) {
    run(work);
  }

  /**
   * Runs {@code work} atomically in the store; once the outermost call has written, hands the new
   * notices to the notifier (so nothing is sent that the store could lose).
   */
  private void run(Runnable work) {
    depth++;
    try {
      store.atomically(work);
    } finally {
      depth--;
    }
    if (depth > 0) {
      return;
    }
    List<Map.Entry<Alert, Notice>> sent = outbox;
    outbox = new ArrayList<>();
    for (Map.Entry<Alert, Notice> e : sent) {
      if (!e.getValue().deliveries().isEmpty()) {
        notifier.notify(e.getKey(), e.getValue());
      }
    }
  }

  // ---------------------------------------------------------------- formatting

  private String clip(String s) {
    return scrubber.clip(s, MAX_TEXT);
  }

  static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf((long) d);
    }
    return String.format(Locale.ROOT, "%.3f", d).replaceAll("0+$", "");
  }

  private static String pct(double d) {
    return String.format(Locale.ROOT, "%.1f%%", d * 100);
  }

  private static String number(AlertEvent e, String name) {
    Object v = e.attributes().get(name);
    return v instanceof Number n ? fmt(n.doubleValue()) : "?";
  }
}
