package io.tributary.engine.run;

import io.tributary.spi.CancelledException;
import io.tributary.spi.Checkpoint;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The emitter handed to a connector: groups emitted items into chunks and puts them on a bounded
 * queue, blocking when it is full (back-pressure). Partial chunks are flushed by {@link
 * #flushIfOlderThan} so a slow source's records do not wait for a chunk to fill.
 */
final class ChunkEmitter implements Emitter {
  private final String stream;
  private final BlockingQueue<Chunk> queue;
  private final int chunkSize;
  private final BooleanSupplier cancelled;
  private final LongSupplier nanoTime;
  private final StreamCounters counters;

  private List<Object> current;
  private long currentSince;
  private boolean closed;

  ChunkEmitter(
      String stream,
      BlockingQueue<Chunk> queue,
      int chunkSize,
      BooleanSupplier cancelled,
      LongSupplier nanoTime,
      StreamCounters counters) {
    this.stream = stream;
    this.queue = queue;
    this.chunkSize = chunkSize;
    this.cancelled = cancelled;
    this.nanoTime = nanoTime;
    this.counters = counters;
    this.current = new ArrayList<>(chunkSize);
  }

  @Override
  public synchronized void emit(Record record) {
    ensureOpen();
    if (!record.stream().equals(stream)) {
      throw new IllegalArgumentException(
          "a connector emitted a record of stream '"
              + record.stream()
              + "' into the emitter of stream '"
              + stream
              + "'");
    }
    add(record);
  }

  @Override
  public synchronized void reject(RejectedInput input) {
    ensureOpen();
    add(input);
  }

  @Override
  public synchronized void checkpoint(Checkpoint checkpoint) {
    ensureOpen();
    List<Object> items = current;
    current = new ArrayList<>(chunkSize);
    put(new Chunk(items, checkpoint, false, null));
  }

  @Override
  public boolean isCancelled() {
    return cancelled.getAsBoolean();
  }

  /** Ends the stream: flushes what is buffered as the last chunk, with the failure if any. */
  synchronized void finish(Throwable failure) {
    if (closed) {
      return;
    }
    closed = true;
    List<Object> items = current;
    current = List.of();
    putUninterruptibly(new Chunk(items, null, true, failure));
  }

  /** Sends a partial chunk on if its first item has waited longer than {@code nanos}. */
  synchronized void flushIfOlderThan(long nanos) {
    if (closed || current.isEmpty() || nanoTime.getAsLong() - currentSince < nanos) {
      return;
    }
    List<Object> items = current;
    current = new ArrayList<>(chunkSize);
    if (!queue.offer(new Chunk(items, null, false, null))) {
      current = items; // queue full: downstream is busy anyway; try again later
    }
  }

  private void add(Object item) {
    if (current.isEmpty()) {
      currentSince = nanoTime.getAsLong();
    }
    current.add(item);
    counters.read.increment();
    if (current.size() >= chunkSize) {
      List<Object> items = current;
      current = new ArrayList<>(chunkSize);
      put(new Chunk(items, null, false, null));
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the emitter of stream '" + stream + "' is closed");
    }
    if (cancelled.getAsBoolean()) {
      throw new CancelledException("the run was cancelled");
    }
  }

  private void put(Chunk chunk) {
    try {
      while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
        if (cancelled.getAsBoolean()) {
          throw new CancelledException("the run was cancelled");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("the read was interrupted");
    }
  }

  private void putUninterruptibly(Chunk chunk) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(chunk);
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
