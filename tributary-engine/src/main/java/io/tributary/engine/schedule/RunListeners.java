package io.tributary.engine.schedule;

import io.tributary.engine.run.RunListener;
import io.tributary.spi.store.Counts;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Combines run listeners (metrics, live views, log tails) into one for the scheduler. */
public final class RunListeners {
  private static final Logger log = LoggerFactory.getLogger(RunListeners.class);

  private RunListeners() {}

  /**
   * A listener that calls each of {@code listeners} in order; one that throws is logged and does
   * not keep the others (or the run) from going on.
   */
  public static RunListener all(List<? extends RunListener> listeners) {
    List<RunListener> all = List.copyOf(listeners);
    return new RunListener() {
      @Override
      public void started(String runId, String pipeline, List<String> streams) {
        for (RunListener l : all) {
          try {
            l.started(runId, pipeline, streams);
          } catch (RuntimeException e) {
            failed(l, e);
          }
        }
      }

      @Override
      public void progress(String runId, String stream, Counts counts) {
        for (RunListener l : all) {
          try {
            l.progress(runId, stream, counts);
          } catch (RuntimeException e) {
            failed(l, e);
          }
        }
      }

      @Override
      public void streamFinished(String runId, String stream, Counts counts, String error) {
        for (RunListener l : all) {
          try {
            l.streamFinished(runId, stream, counts, error);
          } catch (RuntimeException e) {
            failed(l, e);
          }
        }
      }
    };
  }

  private static void failed(RunListener l, RuntimeException e) {
    log.warn("run listener {} failed: {}", l.getClass().getSimpleName(), e.toString());
  }
}
