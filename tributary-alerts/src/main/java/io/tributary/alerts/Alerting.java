package io.tributary.alerts;

import io.tributary.alerts.internal.AlertEngine;
import io.tributary.alerts.internal.ChannelDef;
import io.tributary.alerts.internal.ConfigReader;
import io.tributary.alerts.internal.Counters;
import io.tributary.alerts.internal.Dispatcher;
import io.tributary.alerts.internal.channel.Channel;
import io.tributary.alerts.internal.channel.Channels;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.store.RunInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting module's entry point: the server and the CLI report runs and events here, call
 * {@link #tick()} periodically, and list and acknowledge alerts.
 *
 * <pre>{@code
 * try (AlertStore store = FileAlertStore.open(dataDir.resolve("alerts.json"));
 *     Alerting alerting = Alerting.create(AlertingConfig.load(file, System.getenv()), store, clock)) {
 *   alerting.register(new PipelineAlerts(p.name(), p.alerts(), p.secrets()));
 *   alerting.onRunFinished(run);                 // after every run
 *   alerting.onEvent(AlertEvent.httpRequest(...)); // from the HTTP layer
 *   alerting.tick();                             // every 30 s or so
 * }
 * }</pre>
 *
 * <p>Lifecycle and threading: {@link #create} starts two threads, one that evaluates rules and one
 * that schedules deliveries (each attempt on a virtual thread). {@link #onRunFinished}, {@link
 * #onEvent}, {@link #tick}, {@link #register} and {@link #unregister} only queue work and return at
 * once, whatever the channels do; they never throw for a channel's failure. All methods are
 * thread-safe. {@link #close()} evaluates what was queued, waits for deliveries up to {@code
 * delivery.shutdown_grace} and leaves the rest pending in the store for the next start; it does not
 * close the store, which the caller owns.
 */
public final class Alerting implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Alerting.class);
  private static final int INBOUND_CAPACITY = 10_000;
  private static final int BATCH = 256;

  private final AlertingConfig config;
  private final AlertStore store;
  private final Counters counters = new Counters();
  private final Channels channelFactory;
  private final Map<String, Channel> channelCache = new ConcurrentHashMap<>();
  private final AlertEngine engine;
  private final Dispatcher dispatcher;
  private final Map<String, PipelineAlerts> registered = new ConcurrentHashMap<>();
  private final LinkedBlockingDeque<Command> inbound = new LinkedBlockingDeque<>(INBOUND_CAPACITY);
  private final AtomicInteger unfinished = new AtomicInteger();
  private final Object idle = new Object();
  private final Thread evaluator;
  private volatile boolean open = true;

  private record Command(String what, Runnable work, boolean droppable) {}

  private static final Command STOP = new Command("stop", () -> {}, false);

  private Alerting(AlertingConfig config, AlertStore store, Clock clock) {
    this.config = config;
    this.store = store;
    this.channelFactory = new Channels(clock);
    ConfigReader.Global g = config.global();
    Dispatcher[] d = new Dispatcher[1];
    this.engine = new AlertEngine(clock, store, g, (alert, notice) -> d[0].submit(alert, notice));
    this.dispatcher = new Dispatcher(g.delivery(), store, this::channel, clock, counters);
    d[0] = dispatcher;
    this.evaluator =
        Thread.ofPlatform().name("tributary-alert-rules").daemon().unstarted(this::evaluate);
  }

  /**
   * Starts alerting with the global configuration, a store (owned by the caller) and a clock.
   * Deliveries left pending by the last process are queued again (those of channels written in a
   * pipeline's rules once that pipeline is registered).
   */
  public static Alerting create(AlertingConfig config, AlertStore store, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    Alerting a = new Alerting(config, store, clock);
    a.evaluator.start();
    a.redeliver(null);
    a.enqueue(new Command("start", a.engine::start, false));
    log.info(
        "alerting started: {} channel(s), {} global rule(s)",
        config.channelNames().size(),
        config.ruleCount());
    return a;
  }

  /**
   * Sets (or replaces) a pipeline's rules. Open alerts of rules that no longer exist resolve.
   *
   * @throws ConfigException listing every problem of the rules (nothing changes then)
   */
  public void register(PipelineAlerts pipeline) {
    List<ConfigProblem> problems = new ArrayList<>();
    ConfigReader.PipelineRules rules =
        ConfigReader.readPipeline(
            pipeline.name(), pipeline.rules(), pipeline.secrets(), config.global(), problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    registered.put(pipeline.name(), pipeline);
    enqueue(
        new Command(
            "register " + pipeline.name(),
            () -> {
              engine.register(rules);
              redeliver(pipeline.name());
            },
            false));
  }

  /** Forgets a pipeline (its file was removed); its own rules' open alerts resolve. */
  public void unregister(String pipeline) {
    registered.remove(pipeline);
    enqueue(new Command("unregister " + pipeline, () -> engine.unregister(pipeline), false));
  }

  /**
   * Reports a finished run of {@code pipeline}, registering its rules first when they changed. A
   * run reported twice is evaluated once. Returns at once.
   *
   * <p>Invalid rules are logged and skipped (global rules still apply); validate pipelines with
   * {@link AlertingConfig#validate(PipelineAlerts)} when they are loaded.
   */
  public void onRunFinished(PipelineAlerts pipeline, RunInfo run) {
    if (!pipeline.equals(registered.get(pipeline.name()))) {
      try {
        register(pipeline);
      } catch (ConfigException e) {
        log.warn(
            "pipeline '{}' has {} invalid alert rule problem(s), its rules are skipped; run"
                + " 'tributary validate' to see them",
            pipeline.name(),
            e.problems().size());
      }
    }
    onRunFinished(run);
  }

  /** Reports a finished run of a registered pipeline (else only global rules apply). */
  public void onRunFinished(RunInfo run) {
    Objects.requireNonNull(run, "run");
    counters.eventReceived();
    enqueue(new Command("run " + run.id(), () -> engine.onRun(run.pipeline(), run), false));
  }

  /**
   * Reports an event published by another module. Returns at once; when the inbound queue is full
   * the event is dropped and counted in {@link AlertingStats#eventsDropped()}.
   */
  public void onEvent(AlertEvent event) {
    Objects.requireNonNull(event, "event");
    counters.eventReceived();
    enqueue(new Command("event " + event.type(), () -> engine.onEvent(event), true));
  }

  /**
   * Checks time-based rules (freshness, expiry of anomalies and events, error-rate windows) and
   * sends due reminders. Call it periodically, e.g. every 30 seconds. Returns at once.
   */
  public void tick() {
    enqueue(new Command("tick", engine::tick, true));
  }

  /** Alerts matching {@code query}, newest first, with their notices and history. */
  public List<Alert> list(AlertQuery query) {
    return store.list(query);
  }

  public Optional<Alert> get(String id) {
    return store.get(id);
  }

  /**
   * Acknowledges an alert: no more reminders, and channels that track incidents (PagerDuty,
   * webhooks, Slack) are told. Acknowledging twice changes nothing.
   *
   * @param by who acknowledges (a user or token name), shown in notifications
   * @return the alert, or empty when there is no alert {@code id}
   */
  public Optional<Alert> ack(String id, String by) {
    return engine.ack(id, by);
  }

  public AlertingStats stats() {
    return counters.snapshot(inbound.size(), dispatcher.queued());
  }

  /**
   * Waits until everything reported so far was evaluated and every resulting delivery finished
   * (delivered, failed or dropped). For tests and orderly shutdowns.
   *
   * @return false when {@code timeout} passed first
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (unfinished.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
    }
    return dispatcher.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  /**
   * Evaluates what is queued, then stops delivering after the grace period. Idempotent; reports
   * made after it are ignored (and counted as dropped).
   */
  @Override
  public void close() {
    if (!open) {
      return;
    }
    open = false;
    inbound.offerLast(STOP);
    try {
      evaluator.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dispatcher.close();
    channelFactory.close();
  }

  private void enqueue(Command c) {
    if (!open) {
      counters.eventDropped();
      log.debug("alerting is closed; '{}' was ignored", c.what());
      return;
    }
    unfinished.incrementAndGet();
    if (inbound.offerLast(c)) {
      return;
    }
    if (!c.droppable()) {
      Iterator<Command> it = inbound.iterator();
      while (it.hasNext()) {
        Command queued = it.next();
        if (queued.droppable() && inbound.removeFirstOccurrence(queued)) {
          counters.eventDropped();
          done();
          if (inbound.offerLast(c)) {
            return;
          }
          break;
        }
      }
      log.error("alerting: the inbound queue is full; '{}' was dropped", c.what());
    }
    counters.eventDropped();
    done();
  }

  /** The evaluation thread: takes queued work in batches so that the store writes once each. */
  private void evaluate() {
    List<Command> batch = new ArrayList<>(BATCH);
    while (true) {
      batch.clear();
      try {
        batch.add(inbound.takeFirst());
      } catch (InterruptedException e) {
        return;
      }
      inbound.drainTo(batch, BATCH - 1);
      boolean stop = batch.remove(STOP);
      try {
        engine.batch(
            () -> {
              for (Command c : batch) {
                runSafely(c);
              }
            });
      } catch (RuntimeException e) {
        log.error(
            "alerting: could not save alert state ({}); carrying on",
            engine.scrubber().clip(String.valueOf(e), 300));
      } finally {
        for (int i = 0; i < batch.size(); i++) {
          done();
        }
      }
      if (stop) {
        return;
      }
    }
  }

  private void runSafely(Command c) {
    try {
      c.work().run();
    } catch (RuntimeException e) {
      log.error(
          "alerting: evaluating '{}' failed ({}); carrying on",
          c.what(),
          engine.scrubber().clip(String.valueOf(e), 300));
    }
  }

  private void done() {
    if (unfinished.decrementAndGet() <= 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  private Optional<Channel> channel(String id) {
    Optional<ChannelDef> def = engine.channel(id);
    if (def.isEmpty()) {
      channelCache.remove(id);
      return Optional.empty();
    }
    Channel c =
        channelCache.compute(
            id,
            (k, old) ->
                old != null && old.def() == def.get()
                    ? old
                    : channelFactory.create(def.get(), engine.scrubber()));
    return Optional.of(c);
  }

  /** Queues again the pending deliveries whose channel is known (of one pipeline, or all). */
  private void redeliver(String pipeline) {
    for (Alert a : store.withPendingDeliveries()) {
      if (pipeline != null && !pipeline.equals(a.pipeline())) {
        continue;
      }
      for (Notice n : a.notices()) {
        List<Notice.Delivery> known =
            n.deliveries().stream()
                .filter(
                    d ->
                        d.state() == DeliveryState.PENDING
                            && engine.channel(d.channel()).isPresent())
                .toList();
        if (!known.isEmpty()) {
          dispatcher.submit(a, new Notice(n.message(), known));
        }
      }
    }
  }
}
