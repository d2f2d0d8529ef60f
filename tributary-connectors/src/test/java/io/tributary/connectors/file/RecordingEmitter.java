package io.tributary.connectors.file;

import io.tributary.spi.Checkpoint;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keeps everything a connector emits, in order. */
class RecordingEmitter implements Emitter {
  final List<Record> records = new ArrayList<>();
  final List<RejectedInput> rejected = new ArrayList<>();
  final List<Checkpoint> checkpoints = new ArrayList<>();

  /** For each checkpoint, how many records had been emitted before it. */
  final List<Integer> recordsBeforeCheckpoint = new ArrayList<>();

  @Override
  public void emit(Record record) {
    records.add(record);
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) {
    checkpoints.add(checkpoint);
    recordsBeforeCheckpoint.add(records.size());
  }

  @Override
  public void reject(RejectedInput input) {
    rejected.add(input);
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  List<Object> values(String field) {
    return records.stream().map(r -> r.get(field)).toList();
  }

  List<String> origins() {
    return records.stream().map(Record::origin).toList();
  }

  Map<String, Object> lastState() {
    return checkpoints.get(checkpoints.size() - 1).state();
  }
}
