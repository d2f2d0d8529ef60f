package io.tributary.connectors.sql;

import io.tributary.spi.ConfigException;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.ConfigSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sql connector's configuration: one or more derived streams, each a read-only query.
 *
 * @param tables the streams by name, in declaration order
 * @param pageSize rows read per query page (and per checkpoint)
 */
record SqlSettings(Map<String, Table> tables, int pageSize) {

  static final String QUERY = "query";
  static final String STREAM = "stream";
  static final String PRIMARY_KEY = "primary_key";
  static final String CURSOR_FIELD = "cursor_field";
  static final String TABLES = "tables";
  static final String PAGE_SIZE = "page_size";

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  /**
   * One derived stream.
   *
   * @param query the SELECT (or WITH … SELECT) statement, over {@code <pipeline>.<stream>} tables
   * @param primaryKey fields that identify a row of the result
   * @param cursorField a column of the result that only grows (a timestamp, a block number), for
   *     incremental reads
   */
  record Table(String query, List<String> primaryKey, Optional<String> cursorField) {}

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          "Derives streams from tables the store already holds with read-only SQL, so a pipeline"
              + " can clean, join or score what upstream pipelines collected (declare those with"
              + " 'after:'). Give one stream with 'query' (and 'stream', 'primary_key',"
              + " 'cursor_field'), or several under 'tables'.",
          ConfigField.string(QUERY)
              .describe(
                  "A read-only SELECT over <pipeline>.<stream> tables; its columns become the"
                      + " record's fields. System columns (_key, _hash, _run_id, …) are there to"
                      + " select too.")
              .example("SELECT id, title, score FROM reddit_posts.posts WHERE score > 10"),
          ConfigField.string(STREAM)
              .defaultsTo("records")
              .describe("Name of the stream (and table) for 'query'; [a-z_][a-z0-9_]*."),
          ConfigField.stringList(PRIMARY_KEY)
              .describe("Columns of the result that identify a row; rows are upserted by it.")
              .example(List.of("id")),
          ConfigField.string(CURSOR_FIELD)
              .describe(
                  "A column of the result that only grows. Later runs read rows whose value is at"
                      + " least the highest one already read (ties are read again and counted"
                      + " unchanged), so nothing is skipped.")
              .example("created_utc"),
          ConfigField.object(TABLES)
              .describe(
                  "Several derived streams: stream name -> {query, primary_key, cursor_field}.")
              .example(Map.of("daily_scores", dailyScores())),
          ConfigField.integer(PAGE_SIZE)
              .defaultsTo(50_000)
              .atLeast(1)
              .describe("Rows read per query page; a checkpoint follows each page."));

  /** The example table, with its keys in a stable order so generated docs do not change. */
  private static Map<String, Object> dailyScores() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("query", "SELECT day, avg(score) AS score FROM x.posts GROUP BY day");
    m.put("primary_key", List.of("day"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Reads and checks the configuration.
   *
   * @throws ConfigException listing every problem
   */
  static SqlSettings from(Config config) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, Table> tables = new LinkedHashMap<>();
    Optional<String> query = config.optString(QUERY);
    if (query.isPresent()) {
      String stream = config.string(STREAM);
      checkName(STREAM, stream, problems);
      checkQuery(QUERY, query.get(), problems);
      tables.put(
          stream,
          new Table(query.get(), config.strings(PRIMARY_KEY), config.optString(CURSOR_FIELD)));
    }
    if (config.has(TABLES)) {
      for (Map.Entry<String, Object> e : config.object(TABLES).entrySet()) {
        String at = TABLES + "." + e.getKey();
        checkName(at, e.getKey(), problems);
        if (!(e.getValue() instanceof Map<?, ?> m)) {
          problems.add(
              ConfigProblem.at(at, e.getValue(), "must be an object {query, primary_key, …}"));
          continue;
        }
        Object q = m.get(QUERY);
        if (!(q instanceof String qs) || qs.isBlank()) {
          problems.add(ConfigProblem.at(at + "." + QUERY, q, "each table needs a 'query'"));
          continue;
        }
        checkQuery(at + "." + QUERY, qs, problems);
        for (Object k : m.keySet()) {
          if (!List.of(QUERY, PRIMARY_KEY, CURSOR_FIELD).contains(String.valueOf(k))) {
            problems.add(
                ConfigProblem.at(
                    at + "." + k, null, "unknown key; expected query, primary_key, cursor_field"));
          }
        }
        if (tables.containsKey(e.getKey())) {
          problems.add(ConfigProblem.at(at, e.getKey(), "the stream is declared twice"));
        }
        tables.put(
            e.getKey(),
            new Table(
                qs,
                keyList(m.get(PRIMARY_KEY), at + "." + PRIMARY_KEY, problems),
                Optional.ofNullable(m.get(CURSOR_FIELD)).map(String::valueOf)));
      }
    }
    if (tables.isEmpty() && problems.isEmpty()) {
      problems.add(
          ConfigProblem.at(QUERY, null, "give a 'query' or at least one entry under 'tables'"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new SqlSettings(Map.copyOf(tables), (int) config.integer(PAGE_SIZE, 50_000));
  }

  private static void checkName(String path, String name, List<ConfigProblem> problems) {
    if (!NAME.matcher(name).matches()) {
      problems.add(
          ConfigProblem.at(
              path,
              name,
              "a stream name must be lower case letters, digits and '_', starting with a letter"
                  + " or '_'"));
    }
  }

  private static void checkQuery(String path, String sql, List<ConfigProblem> problems) {
    String s = sql.strip().toLowerCase(java.util.Locale.ROOT);
    if (!(s.startsWith("select") || s.startsWith("with") || s.startsWith("from"))) {
      problems.add(
          ConfigProblem.at(
              path, abbreviate(sql), "must be a read-only query starting with SELECT or WITH"));
    }
    if (s.endsWith(";")) {
      problems.add(ConfigProblem.at(path, abbreviate(sql), "leave out the trailing ';'"));
    }
  }

  private static List<String> keyList(Object v, String path, List<ConfigProblem> problems) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    problems.add(ConfigProblem.at(path, v, "must be a column name or a list of them"));
    return List.of();
  }

  private static String abbreviate(String sql) {
    String one = sql.strip().replaceAll("\\s+", " ");
    return one.length() > 60 ? one.substring(0, 57) + "..." : one;
  }
}
