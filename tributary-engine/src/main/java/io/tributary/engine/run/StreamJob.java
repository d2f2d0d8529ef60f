package io.tributary.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.engine.Redactor;
import io.tributary.spi.CancelledException;
import io.tributary.spi.Checkpoint;
import io.tributary.spi.Connector;
import io.tributary.spi.Processor;
import io.tributary.spi.Record;
import io.tributary.spi.RecordException;
import io.tributary.spi.RejectedInput;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.store.QuarantineEntry;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.Store;
import io.tributary.spi.store.StreamRun;
import io.tributary.spi.store.TableRef;
import io.tributary.spi.store.WriteBatch;
import io.tributary.spi.store.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one stream of one run from the connector to the store.
 *
 * <pre>
 * reader (virtual thread) → bounded chunk queue → dispatcher (virtual thread) → CPU pool
 *     → bounded queue of futures, in emit order → writer (this thread) → Store.write
 * </pre>
 *
 * Order is preserved end to end, so the later version of a key always wins and every checkpoint is
 * committed only with (or after) the records emitted before it.
 */
final class StreamJob {
  private static final Logger log = LoggerFactory.getLogger(StreamJob.class);
  static final int CHUNK_SIZE = 512;
  static final int PAYLOAD_CAP = 64 * 1024;

  private final String runId;
  private final String pipeline;
  private final String source;
  private final StreamSpec spec;
  private final TableRef table;
  private final Connector connector;
  private final Config connectorConfig;
  private final Map<String, Object> state;
  private final List<NamedProcessor> processors;
  private final Store store;
  private final Clock clock;
  private final ExecutorService cpu;
  private final int inflightLimit;
  private final int batchSize;
  private final long flushNanos;
  private final boolean saveState;
  private final Cancellation cancellation;
  private final Failpoints failpoints;
  private final RunListener listener;
  private final Redactor redactor;
  private final ObjectMapper json;
  private final RecordStamper stamper;
  private final QuarantineBudget budget;
  final StreamCounters counters = new StreamCounters();

  private volatile boolean abort;

  record NamedProcessor(String type, Processor processor) {}

  StreamJob(
      String runId,
      String pipeline,
      String source,
      StreamSpec spec,
      TableRef table,
      Connector connector,
      Config connectorConfig,
      Map<String, Object> state,
      List<NamedProcessor> processors,
      Store store,
      Clock clock,
      ExecutorService cpu,
      int inflightLimit,
      int batchSize,
      long flushMillis,
      boolean saveState,
      Cancellation cancellation,
      Failpoints failpoints,
      RunListener listener,
      Redactor redactor,
      ObjectMapper json,
      QuarantineBudget budget) {
    this.runId = runId;
    this.pipeline = pipeline;
    this.source = source;
    this.spec = spec;
    this.table = table;
    this.connector = connector;
    this.connectorConfig = connectorConfig;
    this.state = state;
    this.processors = processors;
    this.store = store;
    this.clock = clock;
    this.cpu = cpu;
    this.inflightLimit = inflightLimit;
    this.batchSize = batchSize;
    this.flushNanos = TimeUnit.MILLISECONDS.toNanos(flushMillis);
    this.saveState = saveState;
    this.cancellation = cancellation;
    this.failpoints = failpoints;
    this.listener = listener;
    this.redactor = redactor;
    this.json = json;
    this.stamper = new RecordStamper(spec.primaryKey(), json);
    this.budget = budget;
  }

  TableRef table() {
    return table;
  }

  StreamSpec spec() {
    return spec;
  }

  StreamRun failedBeforeStart(String error) {
    listener.streamFinished(runId, spec.name(), counters.snapshot(), error);
    return new StreamRun(
        spec.name(), table.toString(), RunStatus.FAILED, counters.snapshot(), 0, error);
  }

  StreamRun execute() {
    long started = System.nanoTime();
    BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(inflightLimit * 2);
    BlockingQueue<Future<Processed>> inflight = new ArrayBlockingQueue<>(inflightLimit);
    ChunkEmitter emitter =
        new ChunkEmitter(
            spec.name(),
            chunks,
            CHUNK_SIZE,
            () -> abort || cancellation.isCancelled(),
            System::nanoTime,
            counters);

    Thread reader =
        Thread.ofVirtual()
            .name("read-" + spec.name())
            .start(
                LogContext.wrap(
                    () -> {
                      Throwable failure = null;
                      try {
                        connector.read(spec, connectorConfig, state, emitter);
                      } catch (Throwable t) {
                        failure = t;
                      }
                      emitter.finish(failure);
                    }));
    Thread dispatcher =
        Thread.ofVirtual()
            .name("dispatch-" + spec.name())
            .start(LogContext.wrap(() -> dispatch(chunks, inflight, emitter)));

    String error = null;
    RunStatus status = RunStatus.SUCCEEDED;
    try {
      Throwable readFailure = writeLoop(inflight);
      if (readFailure instanceof CancelledException || cancellation.isCancelled()) {
        status = RunStatus.CANCELLED;
        error = cancellation.isCancelled() ? cancellation.reason() : readFailure.getMessage();
      } else if (readFailure != null) {
        status = RunStatus.FAILED;
        error = describe(readFailure);
        log.warn("stream {} failed while reading: {}", spec.name(), error);
      }
    } catch (Throwable t) {
      abort = true;
      status = cancellation.isCancelled() ? RunStatus.CANCELLED : RunStatus.FAILED;
      error = describe(t);
      log.warn("stream {} failed while writing: {}", spec.name(), error);
      drain(inflight, dispatcher);
    } finally {
      joinQuietly(reader);
      joinQuietly(dispatcher);
      for (NamedProcessor p : processors) {
        try {
          p.processor().close();
        } catch (Exception e) {
          log.warn("processor {} did not close cleanly: {}", p.type(), describe(e));
        }
      }
    }
    long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    listener.streamFinished(runId, spec.name(), counters.snapshot(), error);
    return new StreamRun(
        spec.name(), table.toString(), status, counters.snapshot(), durationMs, error);
  }

  /** Takes chunks in order, hands each to the CPU pool, queues the futures in the same order. */
  private void dispatch(
      BlockingQueue<Chunk> chunks, BlockingQueue<Future<Processed>> inflight, ChunkEmitter em) {
    long lingerNanos = Math.max(flushNanos / 2, TimeUnit.MILLISECONDS.toNanos(5));
    try {
      while (true) {
        Chunk c =
            chunks.poll(
                Math.max(1, TimeUnit.NANOSECONDS.toMillis(lingerNanos)), TimeUnit.MILLISECONDS);
        if (c == null) {
          em.flushIfOlderThan(lingerNanos);
          continue;
        }
        Future<Processed> f;
        if (abort) {
          f =
              CompletableFuture.completedFuture(
                  new Processed(List.of(), List.of(), null, c.last(), c.failure()));
        } else if (c.items().isEmpty()) {
          f =
              CompletableFuture.completedFuture(
                  new Processed(List.of(), List.of(), c.checkpointAfter(), c.last(), c.failure()));
        } else {
          f = cpu.submit(LogContext.wrap(() -> process(c)));
        }
        while (!inflight.offer(f, 100, TimeUnit.MILLISECONDS)) {
          if (abort) {
            break;
          }
        }
        if (c.last()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs on the CPU pool: stamps and processes one chunk. */
  private Processed process(Chunk c) {
    Instant now = clock.instant();
    List<Record> out = new ArrayList<>(c.items().size());
    List<QuarantineEntry> bad = new ArrayList<>();
    for (Object item : c.items()) {
      if (item instanceof RejectedInput ri) {
        bad.add(
            entry(
                "read",
                "parse",
                null,
                ri.reason(),
                ri.origin(),
                cap(redactor.scrub(ri.payload())),
                now));
        counters.quarantined.increment();
        continue;
      }
      switch (ProcessorChain.apply((Record) item, stamper, processors, now)) {
        case ProcessorChain.Outcome.Passed ok -> out.add(ok.record());
        case ProcessorChain.Outcome.Dropped d -> {
          if (d.duplicate()) {
            counters.duplicates.increment();
          } else {
            counters.filtered.increment();
          }
        }
        case ProcessorChain.Outcome.Failed f -> {
          String reason =
              f.error() == null
                  ? f.reason()
                  : f.error() instanceof RecordException
                      ? redactor.scrub(f.reason())
                      : describe(f.error());
          bad.add(
              entry(
                  f.stage(),
                  f.rule(),
                  f.field(),
                  reason,
                  f.record().origin(),
                  payload(f.record()),
                  now));
          counters.quarantined.increment();
        }
      }
    }
    return new Processed(out, bad, c.checkpointAfter(), c.last(), c.failure());
  }

  /**
   * Commits batches by size and time until the last chunk; returns the read's failure (or null).
   */
  private Throwable writeLoop(BlockingQueue<Future<Processed>> inflight)
      throws InterruptedException, ExecutionException {
    Map<String, Record> batch = new LinkedHashMap<>();
    List<QuarantineEntry> bad = new ArrayList<>();
    Checkpoint pending = null;
    boolean dirty = false;
    long firstAt = 0;
    while (true) {
      Future<Processed> f;
      if (dirty) {
        long wait = flushNanos - (System.nanoTime() - firstAt);
        f = wait <= 0 ? null : inflight.poll(wait, TimeUnit.NANOSECONDS);
      } else {
        f = inflight.poll(1, TimeUnit.SECONDS);
        if (f == null) {
          continue;
        }
      }
      if (f == null) { // time is up: flush what we have
        pending = flush(batch, bad, pending);
        dirty = false;
        continue;
      }
      Processed p = getProcessed(f);
      for (Record r : p.records()) {
        if (batch.put(r.key(), r) != null) {
          counters.duplicates.increment(); // superseded by a later version in the same batch
        }
      }
      bad.addAll(p.quarantined());
      if (p.checkpointAfter() != null) {
        pending = p.checkpointAfter();
      }
      if (!dirty && (!batch.isEmpty() || !bad.isEmpty() || pending != null)) {
        dirty = true;
        firstAt = System.nanoTime();
      }
      if (p.last()) {
        if (dirty) {
          flush(batch, bad, pending);
        }
        return p.failure();
      }
      if (batch.size() >= batchSize || bad.size() >= batchSize) {
        pending = flush(batch, bad, pending);
        dirty = false;
      }
    }
  }

  private Processed getProcessed(Future<Processed> f)
      throws InterruptedException, ExecutionException {
    while (true) {
      try {
        return f.get(1, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        // keep waiting; processors are CPU-bound and finish
      }
    }
  }

  /** Writes one batch with its checkpoint; returns the checkpoint still pending (none). */
  private Checkpoint flush(Map<String, Record> batch, List<QuarantineEntry> bad, Checkpoint cp) {
    if (batch.isEmpty() && bad.isEmpty() && cp == null) {
      return null;
    }
    WriteBatch wb =
        new WriteBatch(
            runId,
            pipeline,
            source,
            table,
            spec,
            List.copyOf(batch.values()),
            List.copyOf(bad),
            saveState ? cp : null);
    budget.take(bad.size());
    failpoints.maybeHalt(Failpoints.BEFORE_BATCH_COMMIT);
    failpoints.maybeHaltSoon(Failpoints.DURING_WRITE, 1);
    WriteResult res = store.write(wb);
    failpoints.maybeHalt(Failpoints.AFTER_BATCH_COMMIT);
    counters.written.add(res.written());
    counters.unchanged.add(res.unchanged());
    counters.quarantined.add(res.quarantined());
    budget.add(res.quarantined());
    batch.clear();
    bad.clear();
    listener.progress(runId, spec.name(), counters.snapshot());
    return null;
  }

  private void drain(BlockingQueue<Future<Processed>> inflight, Thread dispatcher) {
    // Keep taking futures until the dispatcher has handed over the last chunk, so that the
    // reader and dispatcher can finish.
    try {
      while (true) {
        Future<Processed> f = inflight.poll(100, TimeUnit.MILLISECONDS);
        if (f == null) {
          if (!dispatcher.isAlive()) {
            return;
          }
          continue;
        }
        try {
          if (getProcessed(f).last()) {
            return;
          }
        } catch (ExecutionException e) {
          // already failing; ignore
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private QuarantineEntry entry(
      String stage,
      String rule,
      String field,
      String reason,
      String origin,
      String payload,
      Instant at) {
    return new QuarantineEntry(
        runId,
        pipeline,
        spec.name(),
        stage,
        rule,
        field,
        redactor.scrub(reason),
        origin,
        payload,
        at);
  }

  private String payload(Record r) {
    try {
      return cap(redactor.scrub(json.writeValueAsString(r.data())));
    } catch (Exception e) {
      return cap(String.valueOf(r.data()));
    }
  }

  private static final String TRUNCATED = "…[truncated ";

  private static String cap(String s) {
    if (s == null || s.length() <= PAYLOAD_CAP) {
      return s;
    }
    return s.substring(0, PAYLOAD_CAP) + TRUNCATED + (s.length() - PAYLOAD_CAP) + " chars]";
  }

  /** Whether a quarantined payload was cut by {@link #cap} (and so cannot be replayed). */
  static boolean isTruncated(String payload) {
    int at = payload.lastIndexOf(TRUNCATED);
    return at == PAYLOAD_CAP && payload.endsWith(" chars]");
  }

  private String describe(Throwable t) {
    Throwable root = t;
    if (t instanceof ExecutionException && t.getCause() != null) {
      root = t.getCause();
    }
    String msg = root.getMessage();
    String text = msg == null || msg.isBlank() ? root.getClass().getSimpleName() : msg;
    if (!(root instanceof io.tributary.spi.TributaryException) && msg != null) {
      text = root.getClass().getSimpleName() + ": " + msg;
    }
    return redactor.scrub(text);
  }

  private static void joinQuietly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
