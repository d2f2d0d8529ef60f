package io.tributary.engine.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the scheduler's per-pipeline {@link JobState} across restarts: pause state, last fire
 * times, pending retries and API overrides. The {@code Store} SPI has no table for this yet, so the
 * default implementation is a small JSON file in the data directory ({@link
 * JsonFileScheduleStateStore}); a store-backed implementation can replace it without changing the
 * scheduler.
 *
 * <p>Threading: the scheduler calls {@link #load()} once when it is built and {@link #save} one
 * call at a time (never concurrently), outside its own lock.
 */
public interface ScheduleStateStore {

  /** Every job's state by pipeline name; empty on the first start. */
  Map<String, JobState> load();

  /** Replaces the stored state with {@code jobs}; durable when the call returns. */
  void save(Map<String, JobState> jobs);

  /** A store that keeps the state in memory only (tests, one-off processes). */
  static ScheduleStateStore inMemory() {
    return new ScheduleStateStore() {
      private Map<String, JobState> saved = Map.of();

      @Override
      public Map<String, JobState> load() {
        return new LinkedHashMap<>(saved);
      }

      @Override
      public void save(Map<String, JobState> jobs) {
        saved = Map.copyOf(jobs);
      }
    };
  }
}
