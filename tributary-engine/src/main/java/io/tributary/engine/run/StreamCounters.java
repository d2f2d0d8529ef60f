package io.tributary.engine.run;

import io.tributary.spi.store.Counts;
import java.util.concurrent.atomic.LongAdder;

/** Live, thread-safe counts of one stream. */
final class StreamCounters {
  final LongAdder read = new LongAdder();
  final LongAdder written = new LongAdder();
  final LongAdder unchanged = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder quarantined = new LongAdder();
  final LongAdder filtered = new LongAdder();

  Counts snapshot() {
    return new Counts(
        read.sum(),
        written.sum(),
        unchanged.sum(),
        duplicates.sum(),
        quarantined.sum(),
        filtered.sum());
  }
}
