package io.tributary.server;

import io.tributary.engine.schedule.RunEventSink;
import io.tributary.engine.schedule.RunFinished;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The most recent finished runs, kept in memory so that run listings and look-ups do not query the
 * store while it is busy committing an ingest's batches. Loaded once from the store, then kept
 * current by the scheduler's finished-run events (in a serving process every run goes through the
 * scheduler: the store admits one writer). Holds at most {@code capacity} runs; when older runs
 * were dropped, or did not fit at load time, callers fall back to the store for pages beyond it.
 *
 * <p>Thread-safe.
 */
public final class RunHistory implements RunEventSink {
  private static final Comparator<RunInfo> NEWEST_FIRST =
      Comparator.comparing(RunInfo::startedAt).thenComparing(RunInfo::id).reversed();

  private final int capacity;
  private final TreeSet<RunInfo> runs = new TreeSet<>(NEWEST_FIRST);
  private boolean complete;

  /** Loads the newest {@code capacity} finished runs from {@code store}. */
  public RunHistory(Store store, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the run history needs room for at least one run");
    }
    this.capacity = capacity;
    List<RunInfo> loaded = store.runs(null, capacity);
    for (RunInfo r : loaded) {
      if (r.status().finished()) {
        runs.add(r);
      }
    }
    complete = loaded.size() < capacity;
  }

  @Override
  public synchronized void runFinished(RunFinished event) {
    RunInfo run = event.run();
    runs.removeIf(r -> r.id().equals(run.id()));
    runs.add(run);
    while (runs.size() > capacity) {
      runs.pollLast();
      complete = false;
    }
  }

  /**
   * The newest finished runs matching {@code filter}, at most {@code max}, newest first.
   *
   * @return the runs, and whether that is enough: {@code max} runs were found, or memory holds
   *     every matching run there is
   */
  public synchronized Slice newest(Predicate<RunInfo> filter, int max) {
    List<RunInfo> out = new ArrayList<>();
    for (RunInfo r : runs) {
      if (out.size() == max) {
        break;
      }
      if (filter.test(r)) {
        out.add(r);
      }
    }
    return new Slice(out, out.size() == max || complete);
  }

  /** A finished run by its exact id, if it is in memory. */
  public synchronized Optional<RunInfo> byId(String id) {
    for (RunInfo r : runs) {
      if (r.id().equals(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs from {@link #newest}.
   *
   * @param runs newest first
   * @param enough whether these answer the question without asking the store
   */
  public record Slice(List<RunInfo> runs, boolean enough) {}
}
