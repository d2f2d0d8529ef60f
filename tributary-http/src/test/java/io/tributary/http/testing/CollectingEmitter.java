package io.tributary.http.testing;

import io.tributary.spi.Checkpoint;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a connector emits, in order, and checks the emitter contract: a checkpoint must
 * only follow the records it covers. Thread-safe.
 */
public class CollectingEmitter implements Emitter {
  private final List<Object> events = new ArrayList<>();
  private volatile boolean cancelled;

  @Override
  public synchronized void emit(Record record) {
    events.add(record);
  }

  @Override
  public synchronized void checkpoint(Checkpoint checkpoint) {
    events.add(checkpoint);
  }

  @Override
  public synchronized void reject(RejectedInput input) {
    events.add(input);
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  public void cancel() {
    cancelled = true;
  }

  public synchronized List<Object> events() {
    return List.copyOf(events);
  }

  public synchronized List<Record> records() {
    return events.stream().filter(Record.class::isInstance).map(Record.class::cast).toList();
  }

  public synchronized List<Checkpoint> checkpoints() {
    return events.stream()
        .filter(Checkpoint.class::isInstance)
        .map(Checkpoint.class::cast)
        .toList();
  }

  public synchronized List<RejectedInput> rejects() {
    return events.stream()
        .filter(RejectedInput.class::isInstance)
        .map(RejectedInput.class::cast)
        .toList();
  }
}
