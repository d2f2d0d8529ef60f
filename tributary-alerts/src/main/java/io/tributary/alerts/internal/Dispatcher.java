package io.tributary.alerts.internal;

import io.tributary.alerts.Alert;
import io.tributary.alerts.AlertStore;
import io.tributary.alerts.DeliveryState;
import io.tributary.alerts.Notice;
import io.tributary.alerts.Notification;
import io.tributary.alerts.Severity;
import io.tributary.alerts.internal.channel.Channel;
import io.tributary.alerts.internal.channel.DeliveryException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notices off the caller's thread: a bounded queue, one scheduling thread and a virtual
 * thread per attempt (at most {@code concurrency} at once), retries with exponential backoff.
 *
 * <p>Deliveries of one alert to one channel form a lane and go out in order (a "resolved" never
 * overtakes its "fired"); lanes are independent, so a slow channel delays only its own lane. {@link
 * #submit} never blocks: when the queue is full the oldest delivery of the least severe kind is
 * dropped (possibly the new one) and counted. The outcome of each delivery is written to the {@link
 * AlertStore}; a delivery already marked delivered there is skipped, so re-submitting (for example
 * after a restart) sends nothing twice. What is still queued at {@link #close} stays pending in the
 * store and is delivered after the next start.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final DeliverySettings settings;
  private final AlertStore store;
  private final Function<String, Optional<Channel>> channels;
  private final Clock clock;
  private final Counters counters;
  private final LongSupplier nanos;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, ArrayDeque<Job>> lanes = new LinkedHashMap<>();
  private final Set<String> busy = new HashSet<>();
  private final Set<String> queuedKeys = new HashSet<>();
  private final Set<Thread> inFlight = new HashSet<>();
  private final Thread scheduler;
  private int size;
  private long seq;
  private boolean accepting = true;
  private boolean running = true;

  private static final class Job {
    final long seq;
    final String alertId;
    final String noticeKey;
    final String channel;
    final Severity severity;
    final Notification message;
    int attempts;
    long notBefore;

    Job(long seq, String alertId, Notice notice, String channel, Severity severity, int attempts) {
      this.seq = seq;
      this.alertId = alertId;
      this.noticeKey = notice.key();
      this.channel = channel;
      this.severity = severity;
      this.message = notice.message();
      this.attempts = attempts;
    }

    String lane() {
      return alertId + "|" + channel;
    }

    String key() {
      return noticeKey + "|" + channel;
    }
  }

  /**
   * Starts the scheduling thread.
   *
   * @param channels finds a channel by id at delivery time (empty when it is no longer configured)
   */
  public Dispatcher(
      DeliverySettings settings,
      AlertStore store,
      Function<String, Optional<Channel>> channels,
      Clock clock,
      Counters counters) {
    this(settings, store, channels, clock, counters, System::nanoTime);
  }

  Dispatcher(
      DeliverySettings settings,
      AlertStore store,
      Function<String, Optional<Channel>> channels,
      Clock clock,
      Counters counters,
      LongSupplier nanos) {
    this.settings = settings;
    this.store = store;
    this.channels = channels;
    this.clock = clock;
    this.counters = counters;
    this.nanos = nanos;
    this.scheduler =
        Thread.ofPlatform().name("tributary-alert-delivery").daemon().unstarted(this::loop);
    scheduler.start();
  }

  /**
   * Queues the still-pending deliveries of {@code notice} (an alert's notice). Never blocks. Must
   * not be called while holding the store's lock.
   */
  public void submit(Alert alert, Notice notice) {
    List<Job> dropped = new ArrayList<>();
    lock.lock();
    try {
      for (Notice.Delivery d : notice.deliveries()) {
        if (d.state() != DeliveryState.PENDING || !accepting) {
          continue;
        }
        Job job = new Job(seq++, alert.id(), notice, d.channel(), alert.severity(), d.attempts());
        if (queuedKeys.contains(job.key())) {
          continue;
        }
        job.notBefore = nanos.getAsLong();
        if (size >= settings.queueCapacity()) {
          Job victim = victim();
          if (victim == null || job.severity.compareTo(victim.severity) < 0) {
            dropped.add(job);
            continue;
          }
          ArrayDeque<Job> lane = lanes.get(victim.lane());
          lane.remove(victim);
          if (lane.isEmpty()) {
            lanes.remove(victim.lane());
          }
          size--;
          queuedKeys.remove(victim.key());
          dropped.add(victim);
        }
        lanes.computeIfAbsent(job.lane(), k -> new ArrayDeque<>()).addLast(job);
        queuedKeys.add(job.key());
        size++;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Job j : dropped) {
      counters.dropped.incrementAndGet();
      log.warn(
          "alert {}: dropped its {} notification to channel '{}' because the delivery queue is"
              + " full ({} waiting); raise delivery.queue_capacity or fix the slow channel",
          j.alertId,
          j.message.kind().wire(),
          j.channel,
          settings.queueCapacity());
      mark(j, DeliveryState.DROPPED, j.attempts, "dropped: the delivery queue was full");
    }
  }

  /** The oldest queued delivery of the least severe kind that is not being sent, or null. */
  private Job victim() {
    Job best = null;
    for (Map.Entry<String, ArrayDeque<Job>> e : lanes.entrySet()) {
      boolean headBusy = busy.contains(e.getKey());
      Iterator<Job> it = e.getValue().iterator();
      if (headBusy && it.hasNext()) {
        it.next();
      }
      while (it.hasNext()) {
        Job j = it.next();
        if (best == null
            || j.severity.compareTo(best.severity) < 0
            || (j.severity == best.severity && j.seq < best.seq)) {
          best = j;
        }
      }
    }
    return best;
  }

  /** How many deliveries wait or are under way. */
  public int queued() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until no delivery waits or is under way; false when {@code timeout} passed first. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = nanos.getAsLong() + timeout.toNanos();
    lock.lock();
    try {
      while (size > 0) {
        long left = deadline - nanos.getAsLong();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(Math.min(left, IDLE_WAIT_NANOS));
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    lock.lock();
    try {
      while (running) {
        long now = nanos.getAsLong();
        long wait = IDLE_WAIT_NANOS;
        for (Map.Entry<String, ArrayDeque<Job>> e : lanes.entrySet()) {
          if (inFlight.size() >= settings.concurrency()) {
            break;
          }
          if (busy.contains(e.getKey())) {
            continue;
          }
          Job head = e.getValue().peekFirst();
          if (head.notBefore <= now) {
            busy.add(e.getKey());
            Thread t =
                Thread.ofVirtual()
                    .name("tributary-alert-send-" + head.seq)
                    .unstarted(() -> attempt(head));
            inFlight.add(t);
            t.start();
          } else {
            wait = Math.min(wait, head.notBefore - now);
          }
        }
        changed.awaitNanos(Math.max(wait, 1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  private void attempt(Job job) {
    boolean done = true;
    try {
      Optional<Notice.Delivery> current =
          store
              .get(job.alertId)
              .flatMap(a -> a.notice(job.noticeKey))
              .flatMap(
                  n ->
                      n.deliveries().stream()
                          .filter(d -> d.channel().equals(job.channel))
                          .findFirst());
      if (current.isEmpty()) {
        return;
      }
      if (current.get().state() != DeliveryState.PENDING) {
        counters.deduplicated.incrementAndGet();
        return;
      }
      Optional<Channel> channel = channels.apply(job.channel);
      if (channel.isEmpty()) {
        counters.failed.incrementAndGet();
        mark(
            job,
            DeliveryState.FAILED,
            job.attempts,
            "channel '" + job.channel + "' is not configured any more");
        return;
      }
      String error;
      boolean retriable;
      Duration retryAfter = null;
      try {
        channel.get().send(job.message);
        counters.delivered.incrementAndGet();
        mark(job, DeliveryState.DELIVERED, job.attempts + 1, null);
        return;
      } catch (DeliveryException e) {
        error = e.getMessage();
        retriable = e.retriable();
        retryAfter = e.retryAfter();
      } catch (RuntimeException e) {
        error =
            "channel '"
                + job.channel
                + "' failed unexpectedly ("
                + e.getClass().getSimpleName()
                + ")";
        retriable = true;
      }
      int attempts = job.attempts + 1;
      if (retriable && attempts < settings.maxAttempts()) {
        Duration wait = retryAfter != null ? retryAfter : settings.backoff(attempts);
        if (wait.compareTo(settings.maxBackoff()) > 0) {
          wait = settings.maxBackoff();
        }
        counters.retried.incrementAndGet();
        log.warn(
            "alert {}: {} notification to channel '{}' failed (attempt {} of {}), retrying in {}: {}",
            job.alertId,
            job.message.kind().wire(),
            job.channel,
            attempts,
            settings.maxAttempts(),
            Durations.format(wait),
            error);
        markAttempt(job, attempts, error);
        job.attempts = attempts;
        job.notBefore = nanos.getAsLong() + wait.toNanos();
        done = false;
      } else {
        counters.failed.incrementAndGet();
        log.warn(
            "alert {}: gave up the {} notification to channel '{}' after {} attempt(s): {}",
            job.alertId,
            job.message.kind().wire(),
            job.channel,
            attempts,
            error);
        mark(job, DeliveryState.FAILED, attempts, error);
      }
    } catch (RuntimeException e) {
      // the store failed or is closed; keep the job and try again later
      log.warn(
          "alert {}: could not record a delivery to channel '{}' ({}); will try again",
          job.alertId,
          job.channel,
          e.getClass().getSimpleName());
      job.notBefore = nanos.getAsLong() + settings.backoff(job.attempts + 1).toNanos();
      done = false;
    } finally {
      finish(job, done);
    }
  }

  private void finish(Job job, boolean done) {
    lock.lock();
    try {
      inFlight.remove(Thread.currentThread());
      busy.remove(job.lane());
      if (done) {
        ArrayDeque<Job> lane = lanes.get(job.lane());
        if (lane != null && lane.remove(job)) {
          size--;
          queuedKeys.remove(job.key());
          if (lane.isEmpty()) {
            lanes.remove(job.lane());
          }
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void markAttempt(Job job, int attempts, String error) {
    store.update(
        job.alertId,
        a ->
            a.withNotice(
                job.noticeKey,
                n ->
                    n.withDelivery(
                        job.channel,
                        d ->
                            new Notice.Delivery(
                                job.channel,
                                DeliveryState.PENDING,
                                attempts,
                                error,
                                clock.instant()))));
  }

  private void mark(Job job, DeliveryState state, int attempts, String error) {
    String what =
        switch (state) {
          case DELIVERED -> job.message.kind().wire() + " notification delivered to " + job.channel;
          case FAILED ->
              job.message.kind().wire() + " notification to " + job.channel + " failed: " + error;
          case DROPPED ->
              job.message.kind().wire()
                  + " notification to "
                  + job.channel
                  + " dropped: the delivery queue was full";
          case PENDING ->
              job.message.kind().wire() + " notification to " + job.channel + " pending";
        };
    store.update(
        job.alertId,
        a ->
            a.withNotice(
                    job.noticeKey,
                    n ->
                        n.withDelivery(
                            job.channel,
                            d ->
                                new Notice.Delivery(
                                    job.channel, state, attempts, error, clock.instant())))
                .withHistory(clock.instant(), what));
  }

  /**
   * Stops taking deliveries, waits up to the shutdown grace for queued ones, then interrupts what
   * is under way. Undelivered notices stay pending in the store.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      accepting = false;
    } finally {
      lock.unlock();
    }
    try {
      awaitIdle(settings.shutdownGrace());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Thread> threads;
    lock.lock();
    try {
      running = false;
      threads = new ArrayList<>(inFlight);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    threads.forEach(Thread::interrupt);
    try {
      for (Thread t : threads) {
        t.join(Duration.ofSeconds(2));
      }
      scheduler.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
