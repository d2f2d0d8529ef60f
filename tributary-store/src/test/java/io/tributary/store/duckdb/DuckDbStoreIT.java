package io.tributary.store.duckdb;

import static io.tributary.store.duckdb.TestData.POSTS;
import static io.tributary.store.duckdb.TestData.T0;
import static io.tributary.store.duckdb.TestData.batch;
import static io.tributary.store.duckdb.TestData.map;
import static io.tributary.store.duckdb.TestData.record;
import static io.tributary.store.duckdb.TestData.undeclared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.Checkpoint;
import io.tributary.spi.PermanentException;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.store.QuarantineEntry;
import io.tributary.spi.store.QueryResult;
import io.tributary.spi.store.TableRef;
import io.tributary.spi.store.WriteResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStoreIT {
  @TempDir Path dir;
  private DuckDbStore store;
  private final Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);

  @BeforeEach
  void open() {
    store = DuckDbStore.open(dir.resolve("data/tributary.duckdb"), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static StreamSpec declared() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("id", map("type", "string"));
    props.put("title", map("type", List.of("string", "null")));
    props.put("score", map("type", "integer"));
    props.put("ratio", map("type", "number"));
    props.put("nsfw", map("type", "boolean"));
    props.put("created", map("type", "string", "format", "date-time"));
    props.put("tags", map("type", "array", "items", map("type", "string")));
    props.put("author", map("type", "object"));
    return undeclared().withSchema(map("type", "object", "properties", props));
  }

  private List<List<Object>> rows(String sql) {
    return store.query(sql, 10_000).rows();
  }

  private long count(String sql) {
    return (Long) rows(sql).get(0).get(0);
  }

  private Map<String, String> columnTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    for (List<Object> r :
        rows(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'reddit'"
                + " AND table_name = 'posts' ORDER BY column_index")) {
      types.put((String) r.get(0), (String) r.get(1));
    }
    return types;
  }

  @Test
  void createsParentDirectoriesAndMigratesSystemTables() {
    assertThat(dir.resolve("data/tributary.duckdb")).exists();
    assertThat(store.location()).isEqualTo(dir.resolve("data/tributary.duckdb").toString());
    assertThat(
            rows(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'tributary'"
                    + " ORDER BY table_name"))
        .extracting(r -> r.get(0))
        .contains("quarantine", "quota_usage", "runs", "schema_history", "state");
    assertThat(store.tables()).isEmpty();
  }

  @Test
  void prepareCreatesTypedTableFromDeclaredSchema() {
    store.prepare(POSTS, declared());

    assertThat(columnTypes())
        .containsExactly(
            Map.entry("_key", "VARCHAR"),
            Map.entry("_hash", "VARCHAR"),
            Map.entry("_source", "VARCHAR"),
            Map.entry("_run_id", "VARCHAR"),
            Map.entry("_fetched_at", "TIMESTAMP WITH TIME ZONE"),
            Map.entry("_origin", "VARCHAR"),
            Map.entry("id", "VARCHAR"),
            Map.entry("title", "VARCHAR"),
            Map.entry("score", "BIGINT"),
            Map.entry("ratio", "DOUBLE"),
            Map.entry("nsfw", "BOOLEAN"),
            Map.entry("created", "TIMESTAMP WITH TIME ZONE"),
            Map.entry("tags", "JSON"),
            Map.entry("author", "JSON"));
    assertThat(store.tables()).containsExactly(POSTS);
  }

  @Test
  void rewritingIdenticalDataWritesNothing() {
    List<Record> records =
        List.of(
            record(map("id", "a", "title", "first", "score", 1L)),
            record(map("id", "b", "title", "second", "score", 2L)),
            record(map("id", "c", "title", "third", "score", 3L)));

    WriteResult first = store.write(batch("run-1", undeclared(), records));
    WriteResult again = store.write(batch("run-2", undeclared(), records));

    assertThat(first).isEqualTo(new WriteResult(3, 0, 0, 0));
    assertThat(again).isEqualTo(new WriteResult(0, 0, 3, 0));
    assertThat(rows("SELECT _key, _run_id, _source, title FROM reddit.posts ORDER BY _key"))
        .containsExactly(
            List.of("a", "run-1", "file", "first"),
            List.of("b", "run-1", "file", "second"),
            List.of("c", "run-1", "file", "third"));
  }

  @Test
  void changedContentIsAnUpdateAndReplacesTheRow() {
    store.write(
        batch(
            "run-1",
            undeclared(),
            List.of(
                record(map("id", "a", "title", "old", "score", 1L)),
                record(map("id", "b", "title", "same", "score", 2L)))));

    WriteResult result =
        store.write(
            batch(
                "run-2",
                undeclared(),
                List.of(
                    record(map("id", "a", "title", "new")),
                    record(map("id", "b", "title", "same", "score", 2L)),
                    record(map("id", "c", "title", "fresh", "score", 3L)))));

    assertThat(result).isEqualTo(new WriteResult(1, 1, 1, 0));
    assertThat(rows("SELECT _key, _run_id, title, score FROM reddit.posts ORDER BY _key"))
        .containsExactly(
            java.util.Arrays.asList("a", "run-2", "new", null),
            List.of("b", "run-1", "same", 2L),
            List.of("c", "run-2", "fresh", 3L));
  }

  @Test
  void laterRecordWinsWhenABatchHoldsOneKeyTwice() {
    WriteResult result =
        store.write(
            batch(
                "run-1",
                undeclared(),
                List.of(
                    record(map("id", "a", "title", "early")),
                    record(map("id", "b", "title", "other")),
                    record(map("id", "a", "title", "late")))));

    assertThat(result.inserted()).isEqualTo(2);
    assertThat(result.inserted() + result.updated() + result.unchanged()).isEqualTo(3);
    assertThat(rows("SELECT _key, title FROM reddit.posts ORDER BY _key"))
        .containsExactly(List.of("a", "late"), List.of("b", "other"));
  }

  @Test
  void keysStayUniqueAcrossOverlappingBatches() {
    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    for (int b = 0; b < 6; b++) {
      List<Record> records = new ArrayList<>();
      for (int i = b * 50; i < b * 50 + 100; i++) {
        // every batch repeats half of the previous one; odd batches change the repeated half
        records.add(record(map("id", "k" + i, "version", (long) (i < b * 50 + 50 ? b % 2 : 0))));
      }
      WriteResult r = store.write(batch("run-" + b, undeclared(), records));
      inserted += r.inserted();
      updated += r.updated();
      unchanged += r.unchanged();
    }

    assertThat(rows("SELECT count(*), count(DISTINCT _key) FROM reddit.posts"))
        .containsExactly(List.of(350L, 350L));
    assertThat(inserted).isEqualTo(350);
    assertThat(updated).isEqualTo(150);
    assertThat(unchanged).isEqualTo(100);
  }

  @Test
  void inferredColumnTypesComeFromTheFirstBatch() {
    store.write(
        batch(
            "run-1",
            undeclared(),
            List.of(
                record(
                    map(
                        "id",
                        "a",
                        "n",
                        1L,
                        "x",
                        1.5,
                        "s",
                        "text",
                        "ok",
                        true,
                        "obj",
                        map("k", 1L),
                        "list",
                        List.of(1L, 2L),
                        "nothing",
                        null,
                        "mixed",
                        2L)),
                record(map("id", "b", "n", 2, "x", 2L, "mixed", 2.5)))));

    assertThat(columnTypes())
        .containsEntry("n", "BIGINT")
        .containsEntry("x", "DOUBLE")
        .containsEntry("s", "VARCHAR")
        .containsEntry("ok", "BOOLEAN")
        .containsEntry("obj", "JSON")
        .containsEntry("list", "JSON")
        .containsEntry("nothing", "VARCHAR")
        .containsEntry("mixed", "DOUBLE");
    assertThat(rows("SELECT n, x, obj, list FROM reddit.posts WHERE _key = 'a'"))
        .containsExactly(List.of(1L, 1.5, Map.of("k", 1L), List.of(1L, 2L)));
  }

  @Test
  void aNewFieldAddsAColumnAndOlderRowsHaveNull() {
    store.write(batch("run-1", undeclared(), List.of(record(map("id", "a", "title", "t")))));

    WriteResult result =
        store.write(
            batch(
                "run-2",
                undeclared(),
                List.of(record(map("id", "b", "title", "u", "flair", "news", "votes", 7L)))));

    assertThat(result.inserted()).isEqualTo(1);
    assertThat(columnTypes()).containsEntry("flair", "VARCHAR").containsEntry("votes", "BIGINT");
    assertThat(rows("SELECT _key, flair, votes FROM reddit.posts ORDER BY _key"))
        .containsExactly(java.util.Arrays.asList("a", null, null), List.of("b", "news", 7L));
  }

  @Test
  void aDeclaredFieldAddedLaterBecomesAColumnWithoutDroppingAny() {
    store.prepare(
        POSTS,
        undeclared()
            .withSchema(
                map(
                    "properties",
                    map("id", map("type", "string"), "old", map("type", "integer")))));
    store.prepare(
        POSTS,
        undeclared()
            .withSchema(
                map(
                    "properties",
                    map("id", map("type", "string"), "added", map("type", "number")))));

    assertThat(columnTypes()).containsEntry("old", "BIGINT").containsEntry("added", "DOUBLE");
  }

  @Test
  void aValueThatDoesNotFitItsColumnIsQuarantinedWithItsReason() {
    store.prepare(POSTS, declared());

    WriteResult result =
        store.write(
            batch(
                "run-1",
                declared(),
                List.of(
                    record(map("id", "a", "score", 10L, "ratio", 3L)),
                    record(map("id", "b", "score", "lots")),
                    record(map("id", "c", "created", "yesterday")))));

    assertThat(result).isEqualTo(new WriteResult(1, 0, 0, 2));
    assertThat(rows("SELECT _key, score, ratio FROM reddit.posts"))
        .containsExactly(List.of("a", 10L, 3.0));
    List<QuarantineEntry> q = store.quarantine("reddit", "posts", 10);
    assertThat(q).hasSize(2);
    assertThat(q)
        .extracting(QuarantineEntry::stage, QuarantineEntry::rule, QuarantineEntry::runId)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("store", "type", "run-1"));
    QuarantineEntry score =
        q.stream().filter(e -> "/score".equals(e.field())).findFirst().orElseThrow();
    assertThat(score.reason())
        .isEqualTo("field 'score' is BIGINT in table reddit.posts but this record has a string");
    assertThat(score.origin()).isEqualTo("posts.jsonl:b");
    assertThat(score.payload()).contains("\"lots\"");
    assertThat(score.at()).isEqualTo(clock.instant());
    QuarantineEntry created =
        q.stream().filter(e -> "/created".equals(e.field())).findFirst().orElseThrow();
    assertThat(created.reason())
        .startsWith("field 'created' is TIMESTAMPTZ in table reddit.posts but this record has")
        .contains("'yesterday'");
  }

  @Test
  void dateTimesAreStoredAsInstants() {
    store.prepare(POSTS, declared());
    store.write(
        batch(
            "run-1",
            declared(),
            List.of(record(map("id", "a", "created", "2025-02-01T10:15:30.123456+02:00")))));

    assertThat(rows("SELECT created, _fetched_at FROM reddit.posts"))
        .containsExactly(List.of("2025-02-01T08:15:30.123456Z", T0.toString()));
  }

  @Test
  void fieldsThatDifferOnlyInCaseGetTheirOwnColumns() {
    store.write(
        batch(
            "run-1",
            undeclared(),
            List.of(record(map("id", "a", "name", "lower", "Name", "upper", "_key", "field")))));
    store.close();
    store = DuckDbStore.open(dir.resolve("data/tributary.duckdb"), clock);
    store.write(
        batch(
            "run-2",
            undeclared(),
            List.of(record(map("id", "b", "Name", "upper2", "name", "lower2")))));

    assertThat(columnTypes()).containsKeys("name", "Name_2", "_key_2");
    assertThat(rows("SELECT _key, name, Name_2, _key_2 FROM reddit.posts ORDER BY _key"))
        .containsExactly(
            List.of("a", "lower", "upper", "field"),
            java.util.Arrays.asList("b", "lower2", "upper2", null));
  }

  @Test
  void recordsQuarantineAndStateCommitTogether() {
    QuarantineEntry rejected =
        new QuarantineEntry(
            "run-1",
            "reddit",
            "posts",
            "read",
            "json",
            null,
            "malformed JSON at line 3",
            "posts.jsonl:3",
            "{oops",
            T0);
    store.write(
        batch(
            "run-1",
            undeclared(),
            List.of(record(map("id", "a"))),
            List.of(rejected),
            new Checkpoint("posts", map("cursor", "2025-03-01", "page", 3L))));

    assertThat(store.state("reddit", "posts")).isEqualTo(map("cursor", "2025-03-01", "page", 3L));
    assertThat(store.quarantine("reddit", null, 10)).containsExactly(rejected);
    assertThat(store.state("reddit", "other")).isEmpty();

    store.clearState("reddit", "posts");
    assertThat(store.state("reddit", "posts")).isEmpty();
  }

  @Test
  void aFailureAfterTheMergeLeavesRowsStateAndQuarantineUnchanged() {
    store.write(
        batch(
            "run-1",
            undeclared(),
            List.of(record(map("id", "a", "title", "kept"))),
            List.of(),
            new Checkpoint("posts", map("cursor", 1L))));
    AtomicReference<String> reached = new AtomicReference<>();
    store.failpoint(
        name -> {
          if (name.equals("before-commit")) {
            reached.set(name);
            throw new IllegalStateException("injected failure at " + name);
          }
        });

    assertThatThrownBy(
            () ->
                store.write(
                    batch(
                        "run-2",
                        undeclared(),
                        List.of(
                            record(map("id", "a", "title", "changed", "extra", 1L)),
                            record(map("id", "b", "title", "new"))),
                        List.of(
                            new QuarantineEntry(
                                "run-2", "reddit", "posts", "read", "json", null, "bad", null, "x",
                                T0)),
                        new Checkpoint("posts", map("cursor", 2L)))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("nothing of the batch was stored")
        .hasMessageContaining("injected failure");

    assertThat(reached.get()).isEqualTo("before-commit");
    assertThat(rows("SELECT _key, title FROM reddit.posts")).containsExactly(List.of("a", "kept"));
    assertThat(columnTypes()).doesNotContainKey("extra");
    assertThat(store.state("reddit", "posts")).isEqualTo(map("cursor", 1L));
    assertThat(store.quarantine(null, null, 10)).isEmpty();

    store.failpoint(null);
    WriteResult retried =
        store.write(
            batch(
                "run-3",
                undeclared(),
                List.of(record(map("id", "a", "title", "changed", "extra", 1L)))));
    assertThat(retried).isEqualTo(new WriteResult(0, 1, 0, 0));
    assertThat(columnTypes()).containsEntry("extra", "BIGINT");
  }

  @Test
  void aCheckpointThatCannotBeSerialisedRollsBackTheMergedRecords() {
    Map<String, Object> badState = new LinkedHashMap<>();
    badState.put("cursor", new Object());

    assertThatThrownBy(
            () ->
                store.write(
                    batch(
                        "run-1",
                        undeclared(),
                        List.of(record(map("id", "a")), record(map("id", "b"))),
                        List.of(),
                        new Checkpoint("posts", badState))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("cannot be written as JSON");

    assertThat(store.tables()).as("the table created by the failed batch is gone").isEmpty();
    assertThat(store.state("reddit", "posts")).isEmpty();
    assertThat(store.write(batch("run-2", undeclared(), List.of(record(map("id", "a"))))))
        .isEqualTo(new WriteResult(1, 0, 0, 0));
  }

  @Test
  void storeSurvivesReopening() {
    store.write(
        batch(
            "run-1",
            undeclared(),
            List.of(record(map("id", "a", "v", 1L))),
            List.of(),
            new Checkpoint("posts", map("cursor", "x"))));
    store.close();

    store = DuckDbStore.open(dir.resolve("data/tributary.duckdb"), clock);
    assertThat(store.state("reddit", "posts")).isEqualTo(map("cursor", "x"));
    assertThat(store.write(batch("run-2", undeclared(), List.of(record(map("id", "a", "v", 1L))))))
        .isEqualTo(new WriteResult(0, 0, 1, 0));
  }

  @Test
  void readsRunWhileWritesAreInProgressAndSeeOnlyWholeBatches() throws Exception {
    int batches = 20;
    int perBatch = 500;
    List<Long> seen = new ArrayList<>();
    Thread writerThread =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int b = 0; b < batches; b++) {
                    List<Record> records = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                      records.add(record(map("id", b + "-" + i, "n", (long) i)));
                    }
                    store.write(batch("run-1", undeclared(), records));
                  }
                });
    store.prepare(POSTS, undeclared());
    while (writerThread.isAlive()) {
      seen.add(count("SELECT count(*) FROM reddit.posts"));
    }
    writerThread.join();

    assertThat(seen).isNotEmpty().allSatisfy(n -> assertThat(n % perBatch).isZero());
    assertThat(seen).isSorted();
    assertThat(count("SELECT count(*) FROM reddit.posts")).isEqualTo((long) batches * perBatch);
  }

  @Test
  void queryReturnsPlainJavaValuesAndFlagsTruncation() {
    store.prepare(POSTS, declared());
    store.write(
        batch(
            "run-1",
            declared(),
            List.of(
                record(
                    map(
                        "id",
                        "a",
                        "score",
                        5L,
                        "ratio",
                        0.5,
                        "nsfw",
                        false,
                        "tags",
                        List.of("x", "y"),
                        "author",
                        map("name", "ann"))),
                record(map("id", "b")))));

    QueryResult r =
        store.query(
            "SELECT id, score, ratio, nsfw, tags, author, 1.25::DECIMAL(5,2) AS d,"
                + " [1, 2] AS l, {'k': 'v'} AS s FROM reddit.posts ORDER BY id",
            1);

    assertThat(r.columns())
        .containsExactly("id", "score", "ratio", "nsfw", "tags", "author", "d", "l", "s");
    assertThat(r.truncated()).isTrue();
    assertThat(r.rows())
        .containsExactly(
            List.of(
                "a",
                5L,
                0.5,
                false,
                List.of("x", "y"),
                Map.of("name", "ann"),
                new java.math.BigDecimal("1.25"),
                List.of(1L, 2L),
                Map.of("k", "v")));
    assertThat(store.query("FROM reddit.posts", 5).truncated()).isFalse();
  }

  @Test
  void queryAcceptsReadOnlyStatementKinds() {
    store.write(batch("run-1", undeclared(), List.of(record(map("id", "a")))));

    assertThat(store.query("WITH x AS (SELECT 1 AS one) SELECT one FROM x;", 5).rows())
        .containsExactly(List.of(1L));
    assertThat(store.query("-- comment\nDESCRIBE reddit.posts", 50).rows()).isNotEmpty();
    assertThat(store.query("SHOW TABLES", 50).columns()).isNotEmpty();
    assertThat(store.query("SUMMARIZE reddit.posts", 50).rows()).isNotEmpty();
    assertThat(store.query("EXPLAIN SELECT * FROM reddit.posts", 50).rows()).isNotEmpty();
    assertThat(store.query("PRAGMA table_info('reddit.posts')", 50).rows()).hasSize(7);
    assertThat(store.query("SELECT ';' AS semicolon, 'it''s' AS q", 5).rows())
        .containsExactly(List.of(";", "it's"));
  }

  @Test
  void queryRefusesStatementsThatChangeAnything() {
    store.write(batch("run-1", undeclared(), List.of(record(map("id", "a")))));
    Path copy = dir.resolve("copy.csv");

    assertThatThrownBy(() -> store.query("DELETE FROM reddit.posts", 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("read-only")
        .hasMessageContaining("DELETE statements are not allowed");
    assertThatThrownBy(() -> store.query("insert into reddit.posts (_key) values ('z')", 5))
        .hasMessageContaining("INSERT statements are not allowed");
    assertThatThrownBy(() -> store.query("DROP TABLE reddit.posts", 5))
        .hasMessageContaining("DROP statements are not allowed");
    assertThatThrownBy(() -> store.query("ATTACH '" + dir.resolve("other.duckdb") + "' AS o", 5))
        .hasMessageContaining("ATTACH statements are not allowed");
    assertThatThrownBy(() -> store.query("COPY reddit.posts TO '" + copy + "' (FORMAT csv)", 5))
        .hasMessageContaining("COPY statements are not allowed");
    assertThatThrownBy(() -> store.query("SELECT 1; DELETE FROM reddit.posts", 5))
        .hasMessageContaining("exactly one statement");
    assertThatThrownBy(() -> store.query("SELECT E'\\''; DELETE FROM reddit.posts; SELECT '1'", 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("read-only");
    assertThatThrownBy(() -> store.query("WITH x AS (SELECT 1) DELETE FROM reddit.posts", 5))
        .hasMessageContaining("read-only");
    assertThatThrownBy(() -> store.query("EXPLAIN ANALYZE DELETE FROM reddit.posts", 5))
        .hasMessageContaining("read-only");
    assertThatThrownBy(() -> store.query("PRAGMA threads = 1", 5))
        .hasMessageContaining("only PRAGMAs that report");
    assertThatThrownBy(() -> store.query("SELEC 1", 5))
        .hasMessageContaining("SELEC statements are not allowed");
    assertThatThrownBy(() -> store.query("SELECT * FROM", 5)).hasMessageContaining("not valid SQL");

    assertThat(count("SELECT count(*) FROM reddit.posts")).isEqualTo(1);
    assertThat(copy).doesNotExist();
    assertThat(dir.resolve("other.duckdb")).doesNotExist();
  }

  @Test
  void tablesListsOnlyStreamTables() {
    TableRef issues = new TableRef("github", "issues");
    store.prepare(POSTS, undeclared());
    store.prepare(issues, StreamSpec.of("issues", List.of("id")));

    assertThat(store.tables()).containsExactly(issues, POSTS);
  }

  @Test
  void mutatingMethodsOfAReadOnlyStoreThrow() {
    store.write(batch("run-1", undeclared(), List.of(record(map("id", "a")))));
    store.close();

    try (DuckDbStore ro = DuckDbStore.openReadOnly(dir.resolve("data/tributary.duckdb"))) {
      assertThat(ro.readOnly()).isTrue();
      assertThat(ro.query("SELECT count(*) FROM reddit.posts", 1).rows())
          .containsExactly(List.of(1L));
      assertThatThrownBy(
              () -> ro.write(batch("run-2", undeclared(), List.of(record(map("id", "b"))))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("read-only");
      assertThatThrownBy(() -> ro.clearState("reddit", "posts"))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> ro.tryConsume("b", T0, 1, 10))
          .isInstanceOf(IllegalStateException.class);
      assertThat(ro.export(POSTS, io.tributary.spi.store.ExportFormat.CSV, dir.resolve("ro.csv")))
          .isEqualTo(1);
    }
    store = DuckDbStore.open(dir.resolve("data/tributary.duckdb"), clock);
  }

  @Test
  void openReadOnlyExplainsAMissingStore() {
    assertThatThrownBy(() -> DuckDbStore.openReadOnly(dir.resolve("nowhere/tributary.duckdb")))
        .isInstanceOf(io.tributary.spi.ConfigException.class)
        .hasMessageContaining("there is no store at")
        .hasMessageContaining("run a pipeline first");
  }
}
