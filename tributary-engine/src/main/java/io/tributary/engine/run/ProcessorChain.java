package io.tributary.engine.run;

import io.tributary.spi.ProcessResult;
import io.tributary.spi.Record;
import io.tributary.spi.RecordException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One record through the engine's steps: stamped (key and content hash), then each processor in
 * order, re-stamped whenever a step changed the payload. What a run does to every record and what
 * the quarantine replay does to every entry, so both judge a record the same way.
 */
final class ProcessorChain {
  private ProcessorChain() {}

  /** What became of a record. */
  sealed interface Outcome {
    /** It passed every step; {@code record} is stamped and ready to store. */
    record Passed(Record record) implements Outcome {}

    /** A step dropped it; {@code duplicate} tells a de-duplication from a filter. */
    record Dropped(boolean duplicate) implements Outcome {}

    /**
     * A step rejected it or threw.
     *
     * @param stage {@code key} or {@code process:<type>}
     * @param reason the rule's reason or the exception's message, not yet scrubbed
     * @param record the record as the failing step saw it
     * @param error the exception, or {@code null} when a rule rejected the record
     */
    record Failed(
        String stage,
        String rule,
        String field,
        String reason,
        Record record,
        RuntimeException error)
        implements Outcome {}
  }

  static Outcome apply(
      Record r, RecordStamper stamper, List<StreamJob.NamedProcessor> steps, Instant now) {
    String stage = "key";
    try {
      r = stamper.stamp(r, now);
      for (StreamJob.NamedProcessor np : steps) {
        stage = "process:" + np.type();
        Map<String, Object> before = r.data();
        switch (np.processor().process(r)) {
          case ProcessResult.Pass p -> {
            Record next = p.record();
            r =
                next.data() != before
                    ? stamper.stamp(next.stamped(next.fetchedAt(), null, null), now)
                    : next;
          }
          case ProcessResult.Drop d -> {
            return new Outcome.Dropped(ProcessResult.DUPLICATE.equals(d.category()));
          }
          case ProcessResult.Reject rj -> {
            return new Outcome.Failed(stage, rj.rule(), rj.field(), rj.reason(), r, null);
          }
        }
      }
      return new Outcome.Passed(r);
    } catch (RecordException e) {
      return new Outcome.Failed(stage, e.rule(), e.field(), e.getMessage(), r, e);
    } catch (RuntimeException e) {
      return new Outcome.Failed(stage, "error", null, e.getMessage(), r, e);
    }
  }
}
