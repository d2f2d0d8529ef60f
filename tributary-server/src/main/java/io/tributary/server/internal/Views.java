package io.tributary.server.internal;

import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.config.StepConfig;
import io.tributary.engine.config.StreamSelection;
import io.tributary.engine.schedule.JobView;
import io.tributary.engine.schedule.LiveRun;
import io.tributary.engine.schedule.PipelineDirectory;
import io.tributary.engine.schedule.Schedule;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.StreamRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API, built explicitly so that the wire format (snake_case keys, ISO-8601
 * instants, lower-case statuses) does not change when an engine record does. The OpenAPI document
 * describes the same shapes.
 */
public final class Views {
  private Views() {}

  public static Map<String, Object> error(String code, String message, String field) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code);
    e.put("message", message);
    e.put("field", field);
    return Map.of("error", e);
  }

  public static Map<String, Object> counts(Counts c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read", c.read());
    m.put("written", c.written());
    m.put("unchanged", c.unchanged());
    m.put("duplicates", c.duplicates());
    m.put("quarantined", c.quarantined());
    m.put("filtered", c.filtered());
    return m;
  }

  static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  /** A stored run. */
  public static Map<String, Object> run(RunInfo r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("queued_id", null);
    m.put("pipeline", r.pipeline());
    m.put("trigger", r.trigger());
    m.put("status", r.status().wire());
    m.put("live", false);
    m.put("started_at", str(r.startedAt()));
    m.put("finished_at", str(r.finishedAt()));
    m.put(
        "duration_ms",
        r.finishedAt() == null ? null : Duration.between(r.startedAt(), r.finishedAt()).toMillis());
    m.put("counts", counts(r.counts()));
    List<Map<String, Object>> streams = new ArrayList<>();
    for (StreamRun s : r.streams()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("stream", s.stream());
      sm.put("table", s.table());
      sm.put("status", s.status().wire());
      sm.put("counts", counts(s.counts()));
      sm.put("duration_ms", s.durationMs());
      sm.put("error", s.error());
      streams.add(sm);
    }
    m.put("streams", streams);
    m.put("error", r.error());
    m.put("options", r.options());
    return m;
  }

  /** A queued or running run, with its progress so far. */
  public static Map<String, Object> live(LiveRun r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.runId() != null ? r.runId() : r.id());
    m.put("queued_id", r.id());
    m.put("pipeline", r.pipeline());
    m.put("trigger", r.trigger());
    m.put("status", r.status());
    m.put("live", true);
    m.put("priority", r.priority().wire());
    m.put("attempt", r.attempt());
    m.put("queued_at", str(r.queuedAt()));
    m.put("started_at", str(r.startedAt()));
    m.put("finished_at", null);
    m.put("counts", counts(r.counts()));
    List<Map<String, Object>> streams = new ArrayList<>();
    for (LiveRun.StreamProgress s : r.streams()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("stream", s.stream());
      sm.put("status", s.status());
      sm.put("counts", counts(s.counts()));
      sm.put("error", s.error());
      streams.add(sm);
    }
    m.put("streams", streams);
    m.put("error", null);
    m.put("options", r.options());
    return m;
  }

  public static Map<String, Object> job(JobView j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pipeline", j.pipeline());
    m.put("source", j.source());
    m.put("kind", j.kind());
    m.put("schedule", j.schedule());
    m.put("overridden", j.overridden());
    m.put("paused", j.paused());
    m.put("next_fire_at", str(j.nextFireAt()));
    m.put("last_fire_at", str(j.lastFireAt()));
    m.put("last_run_at", str(j.lastRunAt()));
    m.put("last_success_at", str(j.lastSuccessAt()));
    m.put("last_status", j.lastStatus());
    m.put("priority", j.priority().wire());
    m.put("catch_up", j.catchUp());
    m.put("max_retries", j.maxRetries());
    m.put("after", j.after());
    m.put("active_run", j.activeRun());
    m.put("retry_at", str(j.retryAt()));
    m.put("consecutive_failures", j.consecutiveFailures());
    return m;
  }

  public static Map<String, Object> pipeline(PipelineConfig p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("file", p.file() == null ? null : p.file().toString());
    m.put("source", p.source().connector());
    m.put("streams", p.source().streams().stream().map(StreamSelection::name).toList());
    m.put("process", p.process().stream().map(StepConfig::type).toList());
    m.put("schema", p.store().schema());
    String schedule;
    try {
      schedule = Schedule.of(p.schedule()).describe();
    } catch (RuntimeException e) {
      schedule = "invalid";
    }
    m.put("schedule", schedule);
    m.put("after", p.after());
    return m;
  }

  public static Map<String, Object> invalid(PipelineDirectory.InvalidFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", f.file().toString());
    m.put("problems", f.problems());
    m.put("kept_pipeline", f.keptPipeline());
    return m;
  }
}
