package io.tributary.store.duckdb;

import io.tributary.spi.store.Counts;
import io.tributary.spi.store.RunInfo;
import io.tributary.spi.store.RunStatus;
import io.tributary.spi.store.StreamRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps {@link RunInfo} to rows of {@code tributary.runs} and back. */
final class RunRows {
  private RunRows() {}

  static final String COLUMNS =
      "id, pipeline, \"trigger\", status, started_at, finished_at, records_read, records_written,"
          + " records_unchanged, records_duplicates, records_quarantined, records_filtered,"
          + " streams, error, options, heartbeat_at";

  private static final String UPSERT =
      "INSERT INTO tributary.runs ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET pipeline = excluded.pipeline,"
          + " \"trigger\" = excluded.\"trigger\", status = excluded.status,"
          + " started_at = excluded.started_at, finished_at = excluded.finished_at,"
          + " records_read = excluded.records_read, records_written = excluded.records_written,"
          + " records_unchanged = excluded.records_unchanged,"
          + " records_duplicates = excluded.records_duplicates,"
          + " records_quarantined = excluded.records_quarantined,"
          + " records_filtered = excluded.records_filtered, streams = excluded.streams,"
          + " error = excluded.error, options = excluded.options,"
          + " heartbeat_at = excluded.heartbeat_at";

  static void upsert(Connection c, RunInfo run, Instant heartbeat) throws SQLException {
    if (run.id() == null || run.pipeline() == null || run.status() == null) {
      throw new IllegalArgumentException("a run needs an id, a pipeline and a status");
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      Counts n = run.counts();
      ps.setString(1, run.id());
      ps.setString(2, run.pipeline());
      ps.setString(3, run.trigger() == null ? "unknown" : run.trigger());
      ps.setString(4, run.status().wire());
      setInstant(ps, 5, run.startedAt() == null ? heartbeat : run.startedAt());
      setInstant(ps, 6, run.finishedAt());
      ps.setLong(7, n.read());
      ps.setLong(8, n.written());
      ps.setLong(9, n.unchanged());
      ps.setLong(10, n.duplicates());
      ps.setLong(11, n.quarantined());
      ps.setLong(12, n.filtered());
      ps.setString(13, Json.write(streamsJson(run.streams())));
      ps.setString(14, run.error());
      ps.setString(15, Json.write(run.options()));
      setInstant(ps, 16, heartbeat);
      ps.executeUpdate();
    }
  }

  /** Reads a row selected with {@link #COLUMNS}. */
  static RunInfo read(ResultSet rs) throws SQLException {
    return new RunInfo(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        RunStatus.fromWire(rs.getString(4)),
        instant(rs, 5),
        instant(rs, 6),
        new Counts(
            rs.getLong(7),
            rs.getLong(8),
            rs.getLong(9),
            rs.getLong(10),
            rs.getLong(11),
            rs.getLong(12)),
        streams(rs.getString(13)),
        rs.getString(14),
        options(rs.getString(15)));
  }

  private static List<Map<String, Object>> streamsJson(List<StreamRun> streams) {
    List<Map<String, Object>> out = new ArrayList<>(streams.size());
    for (StreamRun s : streams) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stream", s.stream());
      m.put("table", s.table());
      m.put("status", s.status() == null ? null : s.status().wire());
      m.put("counts", countsJson(s.counts() == null ? Counts.ZERO : s.counts()));
      m.put("duration_ms", s.durationMs());
      m.put("error", s.error());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> countsJson(Counts c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read", c.read());
    m.put("written", c.written());
    m.put("unchanged", c.unchanged());
    m.put("duplicates", c.duplicates());
    m.put("quarantined", c.quarantined());
    m.put("filtered", c.filtered());
    return m;
  }

  private static List<StreamRun> streams(String json) {
    if (json == null) {
      return List.of();
    }
    List<StreamRun> out = new ArrayList<>();
    if (Json.read(json) instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          Object status = m.get("status");
          out.add(
              new StreamRun(
                  (String) m.get("stream"),
                  (String) m.get("table"),
                  status == null ? null : RunStatus.fromWire((String) status),
                  counts(m.get("counts")),
                  m.get("duration_ms") instanceof Number d ? d.longValue() : 0L,
                  (String) m.get("error")));
        }
      }
    }
    return out;
  }

  private static Counts counts(Object o) {
    if (!(o instanceof Map<?, ?> m)) {
      return Counts.ZERO;
    }
    return new Counts(
        num(m, "read"),
        num(m, "written"),
        num(m, "unchanged"),
        num(m, "duplicates"),
        num(m, "quarantined"),
        num(m, "filtered"));
  }

  private static long num(Map<?, ?> m, String key) {
    return m.get(key) instanceof Number n ? n.longValue() : 0L;
  }

  private static Map<String, Object> options(String json) {
    return json == null ? Map.of() : Json.readMap(json);
  }

  static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    }
  }

  static Instant instant(ResultSet rs, int i) throws SQLException {
    Object o = rs.getObject(i);
    return switch (o) {
      case null -> null;
      case OffsetDateTime t -> t.toInstant();
      case java.sql.Timestamp t -> t.toInstant();
      default -> OffsetDateTime.parse(o.toString()).toInstant();
    };
  }
}
