package io.tributary.engine.schedule;

import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.config.ScheduleConfig;
import io.tributary.engine.run.Cancellation;
import io.tributary.engine.run.RunIds;
import io.tributary.engine.run.RunListener;
import io.tributary.engine.run.RunOptions;
import io.tributary.spi.ConfigException;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the pipelines of a {@link PipelineDirectory} on their schedules.
 *
 * <p>What it guarantees:
 *
 * <ul>
 *   <li><b>No overlapping runs</b> of one pipeline: a fire time that comes while the pipeline is
 *       queued or running starts nothing and is reported as {@link SchedulerEvent.TickSkipped}.
 *   <li><b>Caps</b>: at most {@link SchedulerSettings#maxConcurrentRuns()} runs at once, and at
 *       most the source's limit per connector; waiting runs start by {@link Priority}, then in the
 *       order they were queued. A run blocked by its source's cap does not hold up others.
 *   <li><b>Catch-up</b>: fire times missed while the scheduler was down are made up by the job's
 *       {@link CatchUp} policy; fire times late by less than the grace period fire normally.
 *   <li><b>Dependencies</b>: a pipeline with {@code after: [a, b]} is queued once every upstream
 *       has succeeded since its own last run started.
 *   <li><b>Retries</b>: a failed or partially failed run is retried with backoff by the job's
 *       {@link RetryPolicy}; a run that could not start because of its configuration is not.
 *   <li><b>Pause/resume</b>: a paused job starts no scheduled, retry or dependency runs (manual
 *       triggers still work); fire times during the pause are not made up.
 *   <li><b>Reload</b>: changed pipeline files are validated first; an invalid file keeps the
 *       previous version scheduled and is reported ({@link SchedulerEvent.PipelineInvalid}).
 *   <li><b>Persistence</b>: pause states, last fire times, pending retries and API overrides are
 *       saved in the {@link ScheduleStateStore} after every change.
 *   <li><b>Graceful shutdown</b>: {@link #close()} drops queued runs, cancels running ones (which
 *       then finish their current batch consistently) and waits for them; they resume on the next
 *       start.
 * </ul>
 *
 * <p>Lifecycle: build with {@link #builder}, call {@link #start()} to load the pipelines and start
 * the loop thread, {@link #close()} to stop. Tests call {@link #reload()} and {@link #tick()}
 * themselves instead of {@code start()}, with a fake clock and an executor they drive, so nothing
 * sleeps.
 *
 * <p>Threading: every public method is thread-safe. Runs execute on the injected executor (by
 * default one virtual thread per run). Sinks and listeners are called without the scheduler's lock
 * held.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final int COUNT_LIMIT = 100_000;
  private static final int RECENT_IDS = 1_000;
  private static final Duration ALIVE_WITHIN = Duration.ofSeconds(30);

  /** Executes one run; {@code PipelineRunner::run} is the real one. */
  @FunctionalInterface
  public interface RunExecutor {
    /**
     * @throws ConfigException when the pipeline cannot start; no run is recorded then
     */
    RunInfo run(
        PipelineConfig pipeline, RunOptions options, Cancellation cancellation, RunListener l);
  }

  private final PipelineDirectory pipelines;
  private final RunExecutor executor;
  private final ScheduleStateStore stateStore;
  private final SchedulerSettings settings;
  private final Clock clock;
  private final Executor runThreads;
  private final Ticker ticker;
  private final RunListener listener;
  private final RunEventSink sink;
  private final RunIds ids;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final Map<String, Job> jobs = new TreeMap<>();
  private final TreeSet<Ticket> queue =
      new TreeSet<>(Comparator.comparing((Ticket t) -> t.priority).thenComparingLong(t -> t.seq));
  private final Map<String, Ticket> active = new ConcurrentHashMap<>();
  private final Map<String, Ticket> byRunId = new ConcurrentHashMap<>();
  private final Map<String, String> recentRunIds =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> e) {
          return size() > RECENT_IDS;
        }
      };
  private final Map<String, Integer> runningPerSource = new HashMap<>();
  private final Object saveLock = new Object();
  private Map<String, JobState> pendingSave;
  private int running;
  private int executing; // runs whose thread has not finished reporting yet
  private long seq;
  private boolean closing;
  private Instant nextReloadAt = Instant.MIN;
  private volatile Instant lastLoopAt;
  private Thread loop;

  /** One pipeline's schedule and remembered state; guarded by {@code lock}. */
  private static final class Job {
    final String name;
    PipelineConfig config; // null when its file is gone (state is kept)
    Schedule schedule = Schedule.MANUAL;
    CatchUp catchUp = new CatchUp(CatchUp.Mode.RUN_ONCE, CatchUp.DEFAULT_MAX);
    Priority priority = Priority.NORMAL;
    RetryPolicy retry = RetryPolicy.NONE;
    Instant nextFire;
    Ticket activeTicket; // running
    JobState state;

    Job(String name, JobState state) {
      this.name = name;
      this.state = state;
    }

    String source() {
      return config == null ? "unknown" : config.source().connector();
    }
  }

  /** A queued or running run. */
  private static final class Ticket {
    final String id;
    final String pipeline;
    final String trigger;
    final Priority priority;
    final RunOptions options;
    final int attempt;
    final long seq;
    final Instant queuedAt;
    final Cancellation cancellation = new Cancellation();
    final Map<String, LiveRun.StreamProgress> streams =
        java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    volatile String runId;
    volatile Instant startedAt;
    volatile String source;
    volatile boolean stoppedByShutdown;

    Ticket(
        String id,
        String pipeline,
        String trigger,
        Priority priority,
        RunOptions options,
        int attempt,
        long seq,
        Instant queuedAt) {
      this.id = id;
      this.pipeline = pipeline;
      this.trigger = trigger;
      this.priority = priority;
      this.options = options;
      this.attempt = attempt;
      this.seq = seq;
      this.queuedAt = queuedAt;
    }

    LiveRun view() {
      String status =
          startedAt == null ? "queued" : cancellation.isCancelled() ? "cancelling" : "running";
      List<LiveRun.StreamProgress> s;
      synchronized (streams) {
        s = List.copyOf(streams.values());
      }
      return new LiveRun(
          id,
          runId,
          pipeline,
          trigger,
          status,
          priority,
          attempt,
          queuedAt,
          startedAt,
          s,
          options.describe());
    }
  }

  /** Work to do once the lock is released: events to deliver and runs to start. */
  private final class Outbox {
    final List<SchedulerEvent> events = new ArrayList<>();
    final List<RunFinished> finished = new ArrayList<>();
    final List<Ticket> toStart = new ArrayList<>();
    boolean dirty;

    void flush() {
      // finished runs first: views that combine live runs with finished ones see no gap
      for (RunFinished f : finished) {
        sink.runFinished(f);
      }
      saveState();
      for (SchedulerEvent e : events) {
        logEvent(e);
        sink.schedulerEvent(e);
      }
      for (Ticket t : toStart) {
        runThreads.execute(() -> execute(t));
      }
    }
  }

  private Scheduler(Builder b) {
    this.pipelines = b.pipelines;
    this.executor = b.executor;
    this.stateStore = b.stateStore;
    this.settings = b.settings;
    this.clock = b.clock;
    this.runThreads = b.runThreads;
    this.ticker = b.ticker == null ? Ticker.system(clock, Duration.ofSeconds(1)) : b.ticker;
    this.listener = b.listener;
    this.sink = b.sink;
    this.ids = new RunIds(clock);
    stateStore.load().forEach((name, state) -> jobs.put(name, new Job(name, state)));
  }

  /**
   * Starts building a scheduler.
   *
   * @param pipelines where the pipelines come from
   * @param executor what runs a pipeline ({@code PipelineRunner::run})
   * @param stateStore where job states persist
   * @param clock the clock every time decision uses
   */
  public static Builder builder(
      PipelineDirectory pipelines,
      RunExecutor executor,
      ScheduleStateStore stateStore,
      Clock clock) {
    return new Builder(pipelines, executor, stateStore, clock);
  }

  /** Optional parts of a scheduler; see {@link Scheduler#builder}. */
  public static final class Builder {
    private final PipelineDirectory pipelines;
    private final RunExecutor executor;
    private final ScheduleStateStore stateStore;
    private final Clock clock;
    private SchedulerSettings settings = SchedulerSettings.defaults();
    private Executor runThreads;
    private Ticker ticker;
    private RunListener listener = RunListener.NONE;
    private RunEventSink sink = RunEventSink.NONE;

    private Builder(
        PipelineDirectory pipelines,
        RunExecutor executor,
        ScheduleStateStore stateStore,
        Clock clock) {
      this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
      this.executor = Objects.requireNonNull(executor, "executor");
      this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Builder settings(SchedulerSettings s) {
      this.settings = Objects.requireNonNull(s);
      return this;
    }

    /** Where runs execute; default: one new virtual thread per run. */
    public Builder runThreads(Executor e) {
      this.runThreads = Objects.requireNonNull(e);
      return this;
    }

    /** How the loop waits; default: {@link Ticker#system} waking at least every second. */
    public Builder ticker(Ticker t) {
      this.ticker = Objects.requireNonNull(t);
      return this;
    }

    /** Observes every run's progress (metrics, live views, logs). */
    public Builder listener(RunListener l) {
      this.listener = Objects.requireNonNull(l);
      return this;
    }

    /** Receives finished runs and scheduler events (alerts, metrics, logs). */
    public Builder sink(RunEventSink s) {
      this.sink = Objects.requireNonNull(s);
      return this;
    }

    public Scheduler build() {
      if (runThreads == null) {
        runThreads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("run-", 1).factory());
      }
      return new Scheduler(this);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /** Loads the pipelines, then starts the loop thread that fires, retries and reloads. */
  public void start() {
    reload();
    lock.lock();
    try {
      if (loop != null) {
        throw new IllegalStateException("the scheduler is already started");
      }
      lastLoopAt = clock.instant();
      loop = Thread.ofPlatform().name("scheduler").daemon().unstarted(this::loop);
      loop.start();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (true) {
      lock.lock();
      try {
        if (closing) {
          return;
        }
      } finally {
        lock.unlock();
      }
      try {
        tick();
      } catch (RuntimeException e) {
        log.error("scheduler tick failed; trying again shortly", e);
      }
      lastLoopAt = clock.instant();
      try {
        ticker.awaitUntil(nextWake());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Instant nextWake() {
    lock.lock();
    try {
      Instant now = clock.instant();
      Instant wake = now.plusSeconds(60);
      for (Job j : jobs.values()) {
        wake = earliest(wake, j.nextFire);
        if (j.config != null && !j.state.paused() && activeTicket(j.name) == null) {
          wake = earliest(wake, j.state.retryAt()); // others wait for the run's end or a resume
        }
      }
      if (!settings.reloadEvery().isZero()) {
        wake = earliest(wake, nextReloadAt);
      }
      Instant soonest = now.plusMillis(20); // never spin, whatever the clock does
      return wake.isBefore(soonest) ? soonest : wake;
    } finally {
      lock.unlock();
    }
  }

  private static Instant earliest(Instant a, Instant b) {
    return b == null || a.isBefore(b) ? a : b;
  }

  /** Whether the scheduler works: not closed, and its loop (if started) went round recently. */
  public boolean isAlive() {
    lock.lock();
    try {
      if (closing) {
        return false;
      }
      if (loop == null) {
        return true;
      }
      return loop.isAlive()
          && Duration.between(lastLoopAt, clock.instant()).compareTo(ALIVE_WITHIN) < 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops: drops queued runs, cancels running ones (they finish their current batch and resume on
   * the next start) and waits for them up to the shutdown grace period.
   */
  @Override
  public void close() {
    Thread l;
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      queue.clear();
      active.values().removeIf(t -> t.startedAt == null);
      for (Job j : jobs.values()) {
        Ticket t = j.activeTicket;
        if (t != null) {
          t.stoppedByShutdown = true;
          t.cancellation.cancel("the server is shutting down");
        }
      }
      l = loop;
    } finally {
      lock.unlock();
    }
    ticker.wake();
    if (l != null) {
      try {
        l.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lock.lock();
    try {
      long nanos = settings.shutdownGrace().toNanos();
      while (executing > 0 && nanos > 0) {
        nanos = idle.awaitNanos(nanos);
      }
      if (executing > 0) {
        log.warn(
            "{} run(s) did not finish within {}s of shutting down; their last committed batch"
                + " is kept and they resume on the next start",
            running,
            settings.shutdownGrace().toSeconds());
      }
      persist();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
    saveState();
  }

  // ---------------------------------------------------------------- reload and tick

  /**
   * Re-reads the pipelines directory and applies what changed: new and changed pipelines are
   * (re)scheduled, removed ones unscheduled, invalid files reported while their previous version
   * stays in effect.
   */
  public void reload() {
    PipelineDirectory.Changes changes;
    Outbox out = new Outbox();
    try {
      changes = pipelines.scan();
    } catch (IllegalStateException e) {
      log.error("{}", e.getMessage());
      return;
    }
    lock.lock();
    try {
      Instant now = clock.instant();
      apply(changes, now, out);
      nextReloadAt =
          settings.reloadEvery().isZero() ? Instant.MAX : now.plus(settings.reloadEvery());
      checkDependencies(out);
      dispatch(out);
      if (out.dirty) {
        persist();
      }
    } finally {
      lock.unlock();
    }
    out.flush();
  }

  private void apply(PipelineDirectory.Changes changes, Instant now, Outbox out) {
    for (Map.Entry<PipelineConfig, Boolean> e : changes.loaded().entrySet()) {
      PipelineConfig p = e.getKey();
      Job job = jobs.computeIfAbsent(p.name(), n -> new Job(n, JobState.fresh(now)));
      job.config = p;
      configure(job, now, out);
      out.events.add(new SchedulerEvent.PipelineLoaded(now, p.name(), p.file(), e.getValue()));
      out.dirty = true;
    }
    for (Map.Entry<String, java.nio.file.Path> e : changes.removed().entrySet()) {
      Job job = jobs.get(e.getKey());
      if (job != null) {
        job.config = null;
        job.nextFire = null;
        queue.removeIf(t -> t.pipeline.equals(job.name) && drop(t));
      }
      out.events.add(new SchedulerEvent.PipelineRemoved(now, e.getKey(), e.getValue()));
    }
    for (PipelineDirectory.InvalidFile f : changes.invalid()) {
      out.events.add(
          new SchedulerEvent.PipelineInvalid(
              now, f.keptPipeline(), f.file(), f.problems(), f.keptPipeline() != null));
    }
    for (PipelineConfig p : changes.loaded().keySet()) {
      reportDependencies(p, now, out);
    }
  }

  /** Reports upstreams that do not exist and dependency cycles through {@code p}. */
  private void reportDependencies(PipelineConfig p, Instant now, Outbox out) {
    for (String up : p.after()) {
      Job u = jobs.get(up);
      if (u == null || u.config == null) {
        out.events.add(
            new SchedulerEvent.DependencyProblem(
                now,
                p.name(),
                "'after' names '"
                    + up
                    + "', which is not a loaded pipeline; this pipeline runs after it only once"
                    + " a pipeline of that name exists and succeeds"));
      }
    }
    List<String> cycle = cycleFrom(p.name(), p.name(), new ArrayList<>(), new HashSet<>());
    if (cycle != null) {
      out.events.add(
          new SchedulerEvent.DependencyProblem(
              now,
              p.name(),
              "'after' forms a cycle ("
                  + String.join(" -> ", cycle)
                  + "); none of these pipelines will be started by its upstreams until the cycle"
                  + " is broken"));
    }
  }

  private List<String> cycleFrom(String start, String at, List<String> path, Set<String> seen) {
    path.add(at);
    Job j = jobs.get(at);
    if (j != null && j.config != null) {
      for (String up : j.config.after()) {
        if (up.equals(start)) {
          List<String> c = new ArrayList<>(path);
          c.add(start);
          return c;
        }
        if (seen.add(up)) {
          List<String> found = cycleFrom(start, up, path, seen);
          if (found != null) {
            return found;
          }
        }
      }
    }
    path.removeLast();
    return null;
  }

  private boolean drop(Ticket t) {
    active.remove(t.id);
    return true;
  }

  /** Derives a job's effective schedule and policies from its file and its API override. */
  private void configure(Job job, Instant now, Outbox out) {
    JobOverride o = job.state.override();
    ScheduleConfig sc = o.manual() ? null : o.schedule() != null ? o.schedule() : fileSchedule(job);
    Schedule schedule;
    try {
      schedule = Schedule.of(sc);
    } catch (ConfigException e) {
      // an override that no longer parses (cannot happen for validated files): run manually
      out.events.add(
          new SchedulerEvent.PipelineInvalid(
              now, job.name, job.config.file(), List.of(e.getMessage()), true));
      schedule = Schedule.MANUAL;
    }
    int catchUpMax = o.catchUpMax() != null ? o.catchUpMax() : settings.catchUpMax();
    CatchUp catchUp;
    try {
      catchUp = CatchUp.parse(sc == null ? null : sc.catchUp(), catchUpMax);
    } catch (IllegalArgumentException e) {
      catchUp = new CatchUp(CatchUp.Mode.RUN_ONCE, catchUpMax);
    }
    job.schedule = schedule;
    job.catchUp = catchUp;
    job.priority = o.priority() != null ? o.priority() : Priority.NORMAL;
    job.retry =
        o.maxRetries() != null ? settings.retry().withMaxRetries(o.maxRetries()) : settings.retry();
    String key = schedule.describe();
    if (!key.equals(job.state.scheduleKey())) {
      // a new schedule: its earlier fire times were never promised, so nothing is made up
      job.state = withSchedule(job.state, key, now);
    }
    job.nextFire = job.state.paused() ? null : schedule.nextAfter(job.state.since()).orElse(null);
  }

  private static ScheduleConfig fileSchedule(Job job) {
    return job.config == null ? null : job.config.schedule();
  }

  /**
   * Fires what is due at the clock's current instant: scheduled fire times (with catch-up), pending
   * retries and ready dependencies; then starts what the caps allow. Called by the loop; tests call
   * it directly after moving their clock.
   */
  public void tick() {
    Instant now = clock.instant();
    boolean reloadDue;
    lock.lock();
    try {
      reloadDue = !closing && !now.isBefore(nextReloadAt);
    } finally {
      lock.unlock();
    }
    if (reloadDue) {
      reload();
    }
    Outbox out = new Outbox();
    lock.lock();
    try {
      if (closing) {
        return;
      }
      now = clock.instant();
      for (Job job : jobs.values()) {
        if (job.config == null) {
          continue;
        }
        if (job.nextFire != null && !job.nextFire.isAfter(now)) {
          fire(job, now, out);
        }
        Instant retryAt = job.state.retryAt();
        if (retryAt != null
            && !retryAt.isAfter(now)
            && !job.state.paused()
            && activeTicket(job.name) == null) {
          enqueue(job, "retry", job.priority, retryOptions(), job.state.retry() + 1, now, out);
          job.state = withRetry(job.state, job.state.retry(), null);
          out.dirty = true;
        }
      }
      checkDependencies(out);
      dispatch(out);
      if (out.dirty) {
        persist();
      }
    } finally {
      lock.unlock();
    }
    out.flush();
  }

  private static RunOptions retryOptions() {
    return RunOptions.cli().withTrigger("retry");
  }

  private void fire(Job job, Instant now, Outbox out) {
    Schedule.Missed missed =
        job.schedule.firesBetween(job.state.since(), now, job.catchUp.max(), COUNT_LIMIT);
    Instant newest = missed.newest().isEmpty() ? null : missed.newest().getLast();
    job.state = withFired(job.state, now, newest);
    job.nextFire = job.schedule.nextAfter(now).orElse(null);
    out.dirty = true;
    if (missed.total() == 0 || job.state.paused()) {
      return;
    }
    boolean newestOnTime =
        newest != null && Duration.between(newest, now).compareTo(settings.misfireGrace()) <= 0;
    int late = missed.total() - (newestOnTime ? 1 : 0);
    int runs;
    if (late == 0) {
      runs = 1;
    } else {
      runs = job.catchUp.runsFor(missed.total());
      if (job.catchUp.mode() == CatchUp.Mode.SKIP && newestOnTime) {
        runs = 1;
      }
      out.events.add(
          new SchedulerEvent.CaughtUp(now, job.name, job.catchUp.mode(), missed.total(), runs));
    }
    if (runs == 0) {
      return;
    }
    Ticket blocking = activeTicket(job.name);
    if (blocking != null) {
      out.events.add(
          new SchedulerEvent.TickSkipped(
              now, job.name, newest, blocking.runId != null ? blocking.runId : blocking.id));
      return;
    }
    RunOptions options = RunOptions.cli().withTrigger("schedule");
    for (int i = 0; i < runs; i++) {
      enqueue(job, "schedule", job.priority, options, 1, now, out);
    }
  }

  /** The job's running ticket, or its first queued one, or null. */
  private Ticket activeTicket(String pipeline) {
    Job job = jobs.get(pipeline);
    if (job != null && job.activeTicket != null) {
      return job.activeTicket;
    }
    for (Ticket t : queue) {
      if (t.pipeline.equals(pipeline)) {
        return t;
      }
    }
    return null;
  }

  private Ticket enqueue(
      Job job,
      String trigger,
      Priority priority,
      RunOptions options,
      int attempt,
      Instant now,
      Outbox out) {
    Ticket t =
        new Ticket(
            ids.next(),
            job.name,
            trigger,
            priority,
            options.withTrigger(trigger),
            attempt,
            seq++,
            now);
    queue.add(t);
    active.put(t.id, t);
    return t;
  }

  /** Queues every downstream pipeline whose upstreams all succeeded since its last run. */
  private void checkDependencies(Outbox out) {
    if (closing) {
      return;
    }
    Instant now = clock.instant();
    for (Job d : jobs.values()) {
      if (d.config == null || d.config.after().isEmpty() || d.state.paused()) {
        continue;
      }
      if (activeTicket(d.name) != null) {
        continue;
      }
      boolean ready = true;
      for (String up : d.config.after()) {
        Job u = jobs.get(up);
        Instant ok = u == null ? null : u.state.lastSuccessAt();
        Instant last = d.state.lastRunAt();
        if (ok == null || (last != null && !ok.isAfter(last))) {
          ready = false;
          break;
        }
      }
      if (ready) {
        enqueue(d, "dependency", d.priority, RunOptions.cli(), 1, now, out);
      }
    }
  }

  /** Starts queued runs while the caps allow, in priority order; called with the lock held. */
  private void dispatch(Outbox out) {
    if (closing) {
      return;
    }
    Instant now = clock.instant();
    var it = queue.iterator();
    while (it.hasNext() && running < settings.maxConcurrentRuns()) {
      Ticket t = it.next();
      Job job = jobs.get(t.pipeline);
      if (job == null || job.config == null) {
        it.remove();
        active.remove(t.id);
        continue;
      }
      if (job.activeTicket != null) {
        continue;
      }
      String source = job.source();
      int used = runningPerSource.getOrDefault(source, 0);
      if (used >= settings.limitFor(source)) {
        continue;
      }
      it.remove();
      runningPerSource.merge(source, 1, Integer::sum);
      running++;
      executing++;
      job.activeTicket = t;
      t.startedAt = now;
      t.source = source;
      job.state = withRunStarted(job.state, now);
      out.dirty = true;
      out.toStart.add(t);
    }
  }

  // ---------------------------------------------------------------- running

  private void execute(Ticket t) {
    PipelineConfig config;
    lock.lock();
    try {
      Job job = jobs.get(t.pipeline);
      config = job == null ? null : job.config;
    } finally {
      lock.unlock();
    }
    RunInfo result = null;
    RuntimeException failure = null;
    MDC.put("pipeline", t.pipeline);
    try {
      if (config == null) {
        throw new ConfigException("the pipeline '" + t.pipeline + "' was removed");
      }
      result = executor.run(config, t.options, t.cancellation, tracker(t));
    } catch (RuntimeException e) {
      failure = e;
    } catch (Error e) {
      failure = new IllegalStateException(e.toString(), e);
    } finally {
      MDC.remove("pipeline");
      MDC.remove("run_id");
    }
    finished(t, result, failure);
  }

  private RunListener tracker(Ticket t) {
    return new RunListener() {
      @Override
      public void started(String runId, String pipeline, List<String> streams) {
        t.runId = runId;
        byRunId.put(runId, t);
        MDC.put("run_id", runId);
        for (String s : streams) {
          t.streams.put(s, new LiveRun.StreamProgress(s, "running", Counts.ZERO, null));
        }
        listener.started(runId, pipeline, streams);
      }

      @Override
      public void progress(String runId, String stream, Counts counts) {
        t.streams.put(stream, new LiveRun.StreamProgress(stream, "running", counts, null));
        listener.progress(runId, stream, counts);
      }

      @Override
      public void streamFinished(String runId, String stream, Counts counts, String error) {
        String status =
            error == null ? "succeeded" : t.cancellation.isCancelled() ? "cancelled" : "failed";
        t.streams.put(stream, new LiveRun.StreamProgress(stream, status, counts, error));
        listener.streamFinished(runId, stream, counts, error);
      }
    };
  }

  private void finished(Ticket t, RunInfo result, RuntimeException failure) {
    Outbox out = new Outbox();
    lock.lock();
    try {
      Instant now = clock.instant();
      running--;
      runningPerSource.merge(t.source, -1, Integer::sum);
      active.remove(t.id);
      if (t.runId != null) {
        byRunId.remove(t.runId);
        recentRunIds.put(t.id, t.runId);
      }
      Job job = jobs.get(t.pipeline);
      if (job != null && job.activeTicket == t) {
        job.activeTicket = null;
      }
      if (job != null) {
        JobState s = job.state;
        Instant retryAt = null;
        if (result != null) {
          RunStatus status = result.status();
          if (status == RunStatus.SUCCEEDED) {
            Instant at = result.finishedAt() != null ? result.finishedAt() : now;
            s = withOutcome(s, status.wire(), at, 0);
            s = withRetry(s, 0, null);
          } else if (status == RunStatus.FAILED || status == RunStatus.PARTIALLY_FAILED) {
            s = withOutcome(s, status.wire(), s.lastSuccessAt(), s.consecutiveFailures() + 1);
            retryAt = scheduleRetry(job, t, now, out, result.id());
            s = retryAt == null ? withRetry(s, 0, null) : withRetry(s, t.attempt, retryAt);
          } else if (status == RunStatus.CANCELLED) {
            s = withOutcome(s, status.wire(), s.lastSuccessAt(), s.consecutiveFailures());
            if (t.stoppedByShutdown && t.options.window() == null) {
              // resume where it stopped on the next start
              s = withRetry(s, t.attempt - 1, now);
            }
          }
          out.finished.add(
              new RunFinished(result, t.source, t.attempt, retryAt, s.consecutiveFailures()));
        } else {
          String error = failure == null ? "unknown error" : describe(failure);
          out.events.add(new SchedulerEvent.RunNotStarted(now, t.pipeline, t.trigger, error));
          s = withOutcome(s, "not_started", s.lastSuccessAt(), s.consecutiveFailures() + 1);
          if (!(failure instanceof ConfigException)) {
            retryAt = scheduleRetry(job, t, now, out, null);
          }
          s = retryAt == null ? withRetry(s, 0, null) : withRetry(s, t.attempt, retryAt);
        }
        job.state = s;
        out.dirty = true;
      }
      checkDependencies(out);
      dispatch(out);
      persist();
    } finally {
      lock.unlock();
    }
    try {
      out.flush();
    } finally {
      lock.lock();
      try {
        executing--;
        if (executing == 0) {
          idle.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
    ticker.wake();
  }

  private Instant scheduleRetry(Job job, Ticket t, Instant now, Outbox out, String runId) {
    if (closing || t.cancellation.isCancelled() || t.attempt > job.retry.maxRetries()) {
      return null;
    }
    Instant at = now.plus(job.retry.delay(t.attempt));
    out.events.add(new SchedulerEvent.RetryScheduled(now, job.name, runId, t.attempt, at));
    return at;
  }

  private static String describe(Throwable e) {
    String msg = e.getMessage();
    if (e instanceof io.tributary.spi.TributaryException) {
      return msg == null ? e.getClass().getSimpleName() : msg;
    }
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  // ---------------------------------------------------------------- API

  /**
   * Queues a run now (it starts as soon as the caps allow).
   *
   * @param options the run's options (streams, backfill window); the trigger is set to {@code api}
   * @param priority its place in the queue, or {@code null} for the job's priority
   * @throws SchedulerException when the pipeline is unknown, already queued or running, or the
   *     scheduler is shutting down
   */
  public LiveRun trigger(String pipeline, RunOptions options, Priority priority) {
    Outbox out = new Outbox();
    Ticket t;
    lock.lock();
    try {
      if (closing) {
        throw new SchedulerException(
            SchedulerException.Reason.SHUTTING_DOWN,
            "the server is shutting down; trigger the run after it restarts");
      }
      Job job = known(pipeline);
      Ticket blocking = activeTicket(pipeline);
      if (blocking != null) {
        throw new SchedulerException(
            SchedulerException.Reason.ALREADY_ACTIVE,
            "pipeline '"
                + pipeline
                + "' already has a "
                + (blocking.startedAt == null ? "queued" : "running")
                + " run ("
                + (blocking.runId != null ? blocking.runId : blocking.id)
                + "); wait for it to finish or cancel it first");
      }
      t =
          enqueue(
              job,
              "api",
              priority == null ? job.priority : priority,
              options,
              1,
              clock.instant(),
              out);
      dispatch(out);
      if (out.dirty) {
        persist();
      }
    } finally {
      lock.unlock();
    }
    out.flush();
    return t.view();
  }

  /** Pauses a job: no scheduled, retry or dependency runs until resumed. */
  public JobView pause(String pipeline) {
    JobView v;
    lock.lock();
    try {
      Job job = known(pipeline);
      if (!job.state.paused()) {
        job.state = withPaused(job.state, true, job.state.since());
        job.nextFire = null;
        persist();
      }
      v = view(job);
    } finally {
      lock.unlock();
    }
    saveState();
    return v;
  }

  /** Resumes a job; fire times that passed while it was paused are not made up. */
  public JobView resume(String pipeline) {
    Outbox out = new Outbox();
    JobView v;
    lock.lock();
    try {
      Job job = known(pipeline);
      if (job.state.paused()) {
        Instant now = clock.instant();
        job.state = withPaused(job.state, false, now);
        job.nextFire = job.schedule.nextAfter(now).orElse(null);
        checkDependencies(out);
        dispatch(out);
        persist();
      }
      v = view(job);
    } finally {
      lock.unlock();
    }
    out.flush();
    return v;
  }

  /**
   * Replaces a job's API settings (schedule, priority, retries) and persists them.
   *
   * @throws ConfigException when the schedule is invalid (problems name {@code schedule.*})
   */
  public JobView setOverride(String pipeline, JobOverride override) {
    if (override.schedule() != null) {
      Schedule.of(override.schedule()); // validate before touching anything
      CatchUp.parse(override.schedule().catchUp(), 1);
    }
    Outbox out = new Outbox();
    JobView v;
    lock.lock();
    try {
      Job job = known(pipeline);
      job.state = withOverride(job.state, override);
      configure(job, clock.instant(), out);
      persist();
      v = view(job);
    } finally {
      lock.unlock();
    }
    out.flush();
    return v;
  }

  /**
   * Cancels a queued run (it never starts) or a running one (it stops after its current batch).
   *
   * @return the run as it stands after the request
   * @throws SchedulerException when no queued or running run has that id
   */
  public LiveRun cancel(String id) {
    lock.lock();
    try {
      Ticket t = find(id);
      if (t == null) {
        throw new SchedulerException(
            SchedulerException.Reason.UNKNOWN_RUN,
            "no queued or running run has the id '" + id + "'; list them with GET /api/runs");
      }
      if (t.startedAt == null) {
        queue.remove(t);
        active.remove(t.id);
        LiveRun v = t.view();
        return new LiveRun(
            v.id(),
            v.runId(),
            v.pipeline(),
            v.trigger(),
            "cancelled",
            v.priority(),
            v.attempt(),
            v.queuedAt(),
            null,
            v.streams(),
            v.options());
      }
      t.cancellation.cancel("cancelled through the API");
      return t.view();
    } finally {
      lock.unlock();
    }
  }

  /** A queued or running run by the scheduler's id, its run id, or an unambiguous prefix. */
  public Optional<LiveRun> live(String id) {
    lock.lock();
    try {
      return Optional.ofNullable(find(id)).map(Ticket::view);
    } finally {
      lock.unlock();
    }
  }

  /** The stored run id a finished queued id became, if it is still remembered. */
  public Optional<String> runIdOf(String queuedId) {
    lock.lock();
    try {
      return Optional.ofNullable(recentRunIds.get(queuedId));
    } finally {
      lock.unlock();
    }
  }

  private Ticket find(String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    Ticket t = active.get(id);
    if (t == null) {
      t = byRunId.get(id);
    }
    if (t != null || id.length() < 8) {
      return t;
    }
    Ticket match = null;
    for (Ticket c : active.values()) {
      if (c.id.startsWith(id) || (c.runId != null && c.runId.startsWith(id))) {
        if (match != null && match != c) {
          return null; // ambiguous
        }
        match = c;
      }
    }
    return match;
  }

  /** Queued runs in the order they would start, then running ones. */
  public List<LiveRun> activeRuns() {
    lock.lock();
    try {
      List<LiveRun> out = new ArrayList<>();
      queue.forEach(t -> out.add(t.view()));
      for (Job j : jobs.values()) {
        if (j.activeTicket != null) {
          out.add(j.activeTicket.view());
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** How many runs wait for a free slot. */
  public int queueDepth() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** How many runs execute now. */
  public int runningCount() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  /** Every job whose pipeline file is currently valid (or kept from a valid version). */
  public List<JobView> jobs() {
    lock.lock();
    try {
      return jobs.values().stream().filter(j -> j.config != null).map(this::view).toList();
    } finally {
      lock.unlock();
    }
  }

  /** One job. */
  public Optional<JobView> job(String pipeline) {
    lock.lock();
    try {
      Job j = jobs.get(pipeline);
      return j == null || j.config == null ? Optional.empty() : Optional.of(view(j));
    } finally {
      lock.unlock();
    }
  }

  /** The pipelines in effect, by name. */
  public Map<String, PipelineConfig> pipelines() {
    return pipelines.pipelines();
  }

  /** The pipeline files that are invalid now. */
  public List<PipelineDirectory.InvalidFile> invalidFiles() {
    return pipelines.invalidFiles();
  }

  /** When each connector last had a pipeline succeed, over every known pipeline. */
  public Map<String, Instant> lastSuccessBySource() {
    lock.lock();
    try {
      Map<String, Instant> out = new TreeMap<>();
      for (Job j : jobs.values()) {
        if (j.config != null && j.state.lastSuccessAt() != null) {
          out.merge(j.source(), j.state.lastSuccessAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private Job known(String pipeline) {
    Job job = jobs.get(pipeline);
    if (job == null || job.config == null) {
      Set<String> names = new HashSet<>();
      jobs.values().stream().filter(j -> j.config != null).forEach(j -> names.add(j.name));
      throw new SchedulerException(
          SchedulerException.Reason.UNKNOWN_PIPELINE,
          "there is no pipeline named '"
              + pipeline
              + "'; known: "
              + (names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names))));
    }
    return job;
  }

  private JobView view(Job j) {
    Ticket a = activeTicket(j.name);
    return new JobView(
        j.name,
        j.source(),
        j.schedule.kind(),
        j.schedule.describe(),
        !j.state.override().isEmpty(),
        j.state.paused() ? null : j.nextFire,
        j.state.lastFireAt(),
        j.state.lastRunAt(),
        j.state.lastSuccessAt(),
        j.state.lastStatus(),
        j.state.paused(),
        j.priority,
        j.catchUp.mode().wire()
            + (j.catchUp.mode() == CatchUp.Mode.RUN_ALL ? " (max " + j.catchUp.max() + ")" : ""),
        j.retry.maxRetries(),
        j.config == null ? List.of() : j.config.after(),
        a == null ? null : a.runId != null ? a.runId : a.id,
        j.state.retryAt(),
        j.state.consecutiveFailures());
  }

  // ---------------------------------------------------------------- state

  /** Takes a snapshot of every job's state to save; called with the lock held. */
  private void persist() {
    Map<String, JobState> out = new LinkedHashMap<>();
    jobs.forEach((name, job) -> out.put(name, job.state));
    pendingSave = out;
  }

  /**
   * Writes the newest snapshot, if any, without holding the scheduler's lock (a save forces the
   * file to disk, which must not hold up API reads). Saves are serialised and always write the
   * newest snapshot, so the file never goes back in time.
   */
  private void saveState() {
    synchronized (saveLock) {
      Map<String, JobState> snapshot;
      lock.lock();
      try {
        snapshot = pendingSave;
        pendingSave = null;
      } finally {
        lock.unlock();
      }
      if (snapshot == null) {
        return;
      }
      try {
        stateStore.save(snapshot);
      } catch (RuntimeException e) {
        log.error("could not save the schedule state: {}", e.getMessage());
      }
    }
  }

  private static JobState withSchedule(JobState s, String key, Instant since) {
    return new JobState(
        s.paused(),
        key,
        since,
        s.lastFireAt(),
        s.lastRunAt(),
        s.lastSuccessAt(),
        s.lastStatus(),
        s.consecutiveFailures(),
        s.retry(),
        s.retryAt(),
        s.override());
  }

  private static JobState withFired(JobState s, Instant since, Instant lastFire) {
    return new JobState(
        s.paused(),
        s.scheduleKey(),
        since,
        lastFire != null ? lastFire : s.lastFireAt(),
        s.lastRunAt(),
        s.lastSuccessAt(),
        s.lastStatus(),
        s.consecutiveFailures(),
        s.retry(),
        s.retryAt(),
        s.override());
  }

  private static JobState withRunStarted(JobState s, Instant at) {
    return new JobState(
        s.paused(),
        s.scheduleKey(),
        s.since(),
        s.lastFireAt(),
        at,
        s.lastSuccessAt(),
        s.lastStatus(),
        s.consecutiveFailures(),
        s.retry(),
        s.retryAt(),
        s.override());
  }

  private static JobState withOutcome(
      JobState s, String status, Instant lastSuccess, int consecutiveFailures) {
    return new JobState(
        s.paused(),
        s.scheduleKey(),
        s.since(),
        s.lastFireAt(),
        s.lastRunAt(),
        lastSuccess,
        status,
        consecutiveFailures,
        s.retry(),
        s.retryAt(),
        s.override());
  }

  private static JobState withRetry(JobState s, int retry, Instant at) {
    return new JobState(
        s.paused(),
        s.scheduleKey(),
        s.since(),
        s.lastFireAt(),
        s.lastRunAt(),
        s.lastSuccessAt(),
        s.lastStatus(),
        s.consecutiveFailures(),
        retry,
        at,
        s.override());
  }

  private static JobState withPaused(JobState s, boolean paused, Instant since) {
    return new JobState(
        paused,
        s.scheduleKey(),
        since,
        s.lastFireAt(),
        s.lastRunAt(),
        s.lastSuccessAt(),
        s.lastStatus(),
        s.consecutiveFailures(),
        s.retry(),
        s.retryAt(),
        s.override());
  }

  private static JobState withOverride(JobState s, JobOverride o) {
    return new JobState(
        s.paused(),
        s.scheduleKey(),
        s.since(),
        s.lastFireAt(),
        s.lastRunAt(),
        s.lastSuccessAt(),
        s.lastStatus(),
        s.consecutiveFailures(),
        s.retry(),
        s.retryAt(),
        o);
  }

  // ---------------------------------------------------------------- logging

  private static void logEvent(SchedulerEvent e) {
    switch (e) {
      case SchedulerEvent.TickSkipped s ->
          log.info(
              "pipeline {}: fire time {} skipped because run {} is still active",
              s.pipeline(),
              s.slot(),
              s.blockingRun());
      case SchedulerEvent.CaughtUp c ->
          log.info(
              "pipeline {}: {} fire time(s) were missed; catch_up={} starts {} run(s)",
              c.pipeline(),
              c.missed(),
              c.mode().wire(),
              c.runs());
      case SchedulerEvent.RetryScheduled r ->
          log.info(
              "pipeline {}: retry {} at {} after a failed run",
              r.pipeline(),
              r.retry(),
              r.retryAt());
      case SchedulerEvent.RunNotStarted n ->
          log.warn("pipeline {}: run could not start: {}", n.pipeline(), n.error());
      case SchedulerEvent.PipelineInvalid i ->
          log.warn(
              "pipeline file {} is invalid{}:\n  {}",
              i.file(),
              i.keptPrevious()
                  ? " (the previous version of " + i.pipeline() + " stays in effect)"
                  : "",
              String.join("\n  ", i.problems()));
      case SchedulerEvent.PipelineLoaded l ->
          log.info(
              "pipeline {} {} from {}",
              l.pipeline(),
              l.changed() ? "reloaded" : "loaded",
              l.file());
      case SchedulerEvent.PipelineRemoved r ->
          log.info("pipeline {} removed: {} is gone", r.pipeline(), r.file());
      case SchedulerEvent.DependencyProblem d ->
          log.warn("pipeline {}: {}", d.pipeline(), d.message());
    }
  }
}
