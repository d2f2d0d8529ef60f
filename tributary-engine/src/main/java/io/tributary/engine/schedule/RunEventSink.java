package io.tributary.engine.schedule;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives what the scheduler reports: finished runs and {@link SchedulerEvent scheduler events}.
 * The hook for alerting, metrics and logs; the alerting module implements it.
 *
 * <p>Threading: called from scheduler and run threads, never while the scheduler holds its lock;
 * implementations must be thread-safe and return quickly (hand slow work such as HTTP deliveries to
 * a queue of their own). An exception thrown here is logged and otherwise ignored.
 */
public interface RunEventSink {

  /** A run ended (succeeded, failed, partially failed or was cancelled). */
  default void runFinished(RunFinished event) {}

  /** Something happened that a human may want to know about. */
  default void schedulerEvent(SchedulerEvent event) {}

  /** A sink that ignores everything. */
  RunEventSink NONE = new RunEventSink() {};

  /** A sink that passes each call to every sink in order, isolating their failures. */
  static RunEventSink composite(List<RunEventSink> sinks) {
    List<RunEventSink> all = List.copyOf(sinks);
    Logger log = LoggerFactory.getLogger(RunEventSink.class);
    return new RunEventSink() {
      @Override
      public void runFinished(RunFinished event) {
        for (RunEventSink s : all) {
          try {
            s.runFinished(event);
          } catch (RuntimeException e) {
            log.warn("run event sink {} failed: {}", s.getClass().getSimpleName(), e.toString());
          }
        }
      }

      @Override
      public void schedulerEvent(SchedulerEvent event) {
        for (RunEventSink s : all) {
          try {
            s.schedulerEvent(event);
          } catch (RuntimeException e) {
            log.warn("run event sink {} failed: {}", s.getClass().getSimpleName(), e.toString());
          }
        }
      }
    };
  }
}
