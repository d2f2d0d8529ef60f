package io.tributary.engine.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tributary.engine.config.ScheduleConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps job states in a JSON file (by default {@code <data-dir>/schedules.json}). Each save writes
 * a temporary file next to it, forces it to disk and renames it over the old one, so a crash leaves
 * either the old or the new file, never half of one. A file that cannot be parsed is moved aside
 * (to {@code schedules.json.corrupt-<millis>}) with an error in the log, and the scheduler starts
 * from fresh state rather than not at all.
 *
 * <p>Not thread-safe on its own; the scheduler serialises calls.
 */
public final class JsonFileScheduleStateStore implements ScheduleStateStore {
  private static final Logger log = LoggerFactory.getLogger(JsonFileScheduleStateStore.class);
  private static final int VERSION = 1;

  private final Path file;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public JsonFileScheduleStateStore(Path file, Clock clock) {
    this.file = file.toAbsolutePath();
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  @Override
  public Map<String, JobState> load() {
    if (!Files.exists(file)) {
      return new LinkedHashMap<>();
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> root = json.readValue(file.toFile(), Map.class);
      Object version = root.get("version");
      if (!(version instanceof Number n) || n.intValue() != VERSION) {
        throw new IllegalArgumentException("unknown version " + version);
      }
      Map<String, JobState> out = new LinkedHashMap<>();
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> jobs =
          (Map<String, Map<String, Object>>) root.getOrDefault("jobs", Map.of());
      for (Map.Entry<String, Map<String, Object>> e : jobs.entrySet()) {
        out.put(e.getKey(), fromMap(e.getValue()));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.millis());
      try {
        Files.move(file, aside);
      } catch (IOException moveFailed) {
        throw new UncheckedIOException(
            "the schedule state file "
                + file
                + " cannot be read ("
                + e.getMessage()
                + ") nor moved aside; fix or delete it",
            moveFailed);
      }
      log.error(
          "the schedule state file {} could not be read ({}); it was moved to {} and schedules"
              + " start fresh (pause states and last fire times are lost)",
          file,
          e.getMessage(),
          aside);
      return new LinkedHashMap<>();
    }
  }

  @Override
  public void save(Map<String, JobState> jobs) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", VERSION);
    Map<String, Object> out = new TreeMap<>();
    jobs.forEach((name, state) -> out.put(name, toMap(state)));
    root.put("jobs", out);
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the schedule state", e);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the schedule state to "
              + file
              + " ("
              + e.getMessage()
              + "); check free disk space and the data directory's permissions",
          e);
    }
  }

  private static Map<String, Object> toMap(JobState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paused", s.paused());
    m.put("schedule_key", s.scheduleKey());
    m.put("since", str(s.since()));
    m.put("last_fire_at", str(s.lastFireAt()));
    m.put("last_run_at", str(s.lastRunAt()));
    m.put("last_success_at", str(s.lastSuccessAt()));
    m.put("last_status", s.lastStatus());
    m.put("consecutive_failures", s.consecutiveFailures());
    m.put("retry", s.retry());
    m.put("retry_at", str(s.retryAt()));
    JobOverride o = s.override();
    if (!o.isEmpty()) {
      Map<String, Object> om = new LinkedHashMap<>();
      if (o.schedule() != null) {
        ScheduleConfig c = o.schedule();
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("cron", c.cron());
        sm.put("every", c.every());
        sm.put("at", c.at());
        sm.put("timezone", c.timezone());
        sm.put("catch_up", c.catchUp());
        om.put("schedule", sm);
      }
      om.put("manual", o.manual());
      om.put("priority", o.priority() == null ? null : o.priority().wire());
      om.put("max_retries", o.maxRetries());
      om.put("catch_up_max", o.catchUpMax());
      m.put("override", om);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static JobState fromMap(Map<String, Object> m) {
    JobOverride override = JobOverride.NONE;
    if (m.get("override") instanceof Map<?, ?> om) {
      Map<String, Object> o = (Map<String, Object>) om;
      ScheduleConfig sc = null;
      if (o.get("schedule") instanceof Map<?, ?> sm) {
        sc =
            new ScheduleConfig(
                (String) sm.get("cron"),
                (String) sm.get("every"),
                (String) sm.get("at"),
                (String) sm.get("timezone"),
                (String) sm.get("catch_up"));
      }
      override =
          new JobOverride(
              sc,
              Boolean.TRUE.equals(o.get("manual")),
              o.get("priority") == null ? null : Priority.parse((String) o.get("priority")),
              o.get("max_retries") == null ? null : ((Number) o.get("max_retries")).intValue(),
              o.get("catch_up_max") == null ? null : ((Number) o.get("catch_up_max")).intValue());
    }
    return new JobState(
        Boolean.TRUE.equals(m.get("paused")),
        (String) m.get("schedule_key"),
        instant(m.get("since")),
        instant(m.get("last_fire_at")),
        instant(m.get("last_run_at")),
        instant(m.get("last_success_at")),
        (String) m.get("last_status"),
        m.get("consecutive_failures") instanceof Number n ? n.intValue() : 0,
        m.get("retry") instanceof Number n ? n.intValue() : 0,
        instant(m.get("retry_at")),
        override);
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(Object o) {
    return o == null ? null : Instant.parse(o.toString());
  }

  @Override
  public String toString() {
    return "schedule state in " + file;
  }
}
