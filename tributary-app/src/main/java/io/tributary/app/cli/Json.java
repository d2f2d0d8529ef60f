package io.tributary.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.StreamRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the CLI's {@code --json} output. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise output", e);
    }
  }

  static Map<String, Object> counts(Counts c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read", c.read());
    m.put("written", c.written());
    m.put("unchanged", c.unchanged());
    m.put("duplicates", c.duplicates());
    m.put("quarantined", c.quarantined());
    m.put("filtered", c.filtered());
    return m;
  }

  static Map<String, Object> run(RunInfo r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", r.id());
    m.put("pipeline", r.pipeline());
    m.put("status", r.status().wire());
    m.put("trigger", r.trigger());
    m.put("started_at", r.startedAt() == null ? null : r.startedAt().toString());
    m.put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString());
    m.put("records", counts(r.counts()));
    List<Object> streams = new ArrayList<>();
    for (StreamRun s : r.streams()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("stream", s.stream());
      sm.put("table", s.table());
      sm.put("status", s.status().wire());
      sm.put("records", counts(s.counts()));
      sm.put("duration_ms", s.durationMs());
      sm.put("error", s.error());
      streams.add(sm);
    }
    m.put("streams", streams);
    m.put("duration_ms", durationMs(r));
    m.put("error", r.error());
    m.put("options", r.options());
    return m;
  }

  static long durationMs(RunInfo r) {
    if (r.startedAt() == null || r.finishedAt() == null) {
      return 0;
    }
    return Duration.between(r.startedAt(), r.finishedAt()).toMillis();
  }
}
