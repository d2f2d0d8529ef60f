package io.tributary.store.duckdb;

import static io.tributary.store.duckdb.TestData.POSTS;
import static io.tributary.store.duckdb.TestData.T0;
import static io.tributary.store.duckdb.TestData.batch;
import static io.tributary.store.duckdb.TestData.map;
import static io.tributary.store.duckdb.TestData.record;
import static io.tributary.store.duckdb.TestData.undeclared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.PermanentException;
import io.tributary.spi.store.QuarantineEntry;
import io.tributary.spi.store.QuarantineFilter;
import io.tributary.spi.store.QuarantinedRecord;
import io.tributary.spi.store.WriteBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quarantine queries, deletes and the replay write that resolves entries atomically. */
class DuckDbStoreQuarantineIT {
  @TempDir Path dir;
  private DuckDbStore store;

  @BeforeEach
  void open() {
    store =
        DuckDbStore.open(
            dir.resolve("tributary.duckdb"), Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static QuarantineEntry entry(
      String pipeline, String stream, String rule, String origin, Instant at) {
    return new QuarantineEntry(
        "run-1",
        pipeline,
        stream,
        "process:validate",
        rule,
        "/score",
        rule + " failed",
        origin,
        "{\"id\":\"" + origin + "\",\"score\":-1}",
        at);
  }

  /** Three reddit.posts entries (two rules, three times) and one of another pipeline. */
  private List<QuarantinedRecord> seed() {
    store.write(
        batch(
            "run-1",
            undeclared(),
            List.of(),
            List.of(
                entry("reddit", "posts", "range", "a", T0),
                entry("reddit", "posts", "not_null", "b", T0.plusSeconds(10)),
                entry("reddit", "posts", "range", "c", T0.plusSeconds(20)),
                entry("other", "posts", "range", "d", T0.plusSeconds(30))),
            null));
    return store.quarantined(QuarantineFilter.ALL, 100);
  }

  @Test
  void filtersByPipelineStreamRuleAndTimeNewestFirstWithStableIds() {
    List<QuarantinedRecord> all = seed();
    assertThat(all).extracting(r -> r.entry().origin()).containsExactly("d", "c", "b", "a");
    assertThat(all).extracting(QuarantinedRecord::id).doesNotHaveDuplicates();

    assertThat(store.quarantined(QuarantineFilter.of("reddit", "posts"), 100))
        .extracting(r -> r.entry().origin())
        .containsExactly("c", "b", "a");
    assertThat(store.quarantined(new QuarantineFilter("reddit", null, "range", null), 100))
        .extracting(r -> r.entry().origin())
        .containsExactly("c", "a");
    assertThat(store.quarantined(new QuarantineFilter(null, null, null, T0.plusSeconds(20)), 100))
        .extracting(r -> r.entry().origin())
        .containsExactly("b", "a");
    assertThat(store.quarantined(QuarantineFilter.ALL, 2)).hasSize(2);

    QuarantinedRecord c = all.get(1);
    assertThat(store.quarantined(c.id())).contains(c);
    assertThat(c.entry().payload()).isEqualTo("{\"id\":\"c\",\"score\":-1}");
    assertThat(c.entry().at()).isEqualTo(T0.plusSeconds(20));
    assertThat(store.quarantined(9_999L)).isEmpty();
    // the older list method still works on top of the filter
    assertThat(store.quarantine("other", null, 10))
        .extracting(QuarantineEntry::origin)
        .containsExactly("d");
  }

  @Test
  void deletesByIdAndIgnoresUnknownIds() {
    List<QuarantinedRecord> all = seed();
    int n = store.deleteQuarantine(List.of(all.get(0).id(), all.get(3).id(), 12_345L));
    assertThat(n).isEqualTo(2);
    assertThat(store.quarantined(QuarantineFilter.ALL, 100))
        .extracting(r -> r.entry().origin())
        .containsExactly("c", "b");
    assertThat(store.deleteQuarantine(List.of())).isZero();
  }

  @Test
  void aReplayWriteStoresRecordsAndDeletesTheirEntriesInOneTransaction() {
    List<QuarantinedRecord> all = seed();
    long a = all.get(3).id();
    long c = all.get(1).id();
    WriteBatch replay =
        new WriteBatch(
            "replay-1",
            "reddit",
            "file",
            POSTS,
            undeclared(),
            List.of(record(map("id", "a", "score", 1L)), record(map("id", "c", "score", 2L))),
            List.of(),
            null,
            List.of(a, c));

    // a crash between the merge and the commit keeps both the entries and the table as they were
    store.failpoint(
        name -> {
          if (name.equals("before-commit")) {
            throw new IllegalStateException("crash");
          }
        });
    assertThatThrownBy(() -> store.write(replay)).isInstanceOf(PermanentException.class);
    store.failpoint(null);
    assertThat(store.quarantined(QuarantineFilter.of("reddit", "posts"), 100)).hasSize(3);
    assertThat(store.query("SELECT count(*) FROM reddit.posts", 10).rows().get(0).get(0))
        .isEqualTo(0L);

    assertThat(store.write(replay).written()).isEqualTo(2);
    assertThat(store.quarantined(QuarantineFilter.of("reddit", "posts"), 100))
        .extracting(r -> r.entry().origin())
        .containsExactly("b");
    assertThat(store.query("SELECT id FROM reddit.posts ORDER BY id", 10).rows())
        .containsExactly(List.of("a"), List.of("c"));
  }

  @Test
  void aStillFailingEntryCanBeReplacedByItsNewVerdictInTheSameWrite() {
    List<QuarantinedRecord> all = seed();
    QuarantinedRecord b = all.get(2);
    QuarantineEntry newer =
        new QuarantineEntry(
            b.entry().runId(),
            "reddit",
            "posts",
            "process:validate",
            "range",
            "/score",
            "score is -1, below the minimum 0",
            b.entry().origin(),
            b.entry().payload(),
            b.entry().at());
    store.write(
        new WriteBatch(
            "replay-2",
            "reddit",
            "file",
            POSTS,
            undeclared(),
            List.of(),
            List.of(newer),
            null,
            List.of(b.id())));
    List<QuarantinedRecord> now =
        store.quarantined(new QuarantineFilter("reddit", "posts", null, null), 100);
    assertThat(now).hasSize(3);
    QuarantinedRecord replaced =
        now.stream().filter(r -> r.entry().origin().equals("b")).findFirst().orElseThrow();
    assertThat(replaced.entry().rule()).isEqualTo("range");
    assertThat(replaced.entry().reason()).isEqualTo("score is -1, below the minimum 0");
    assertThat(replaced.entry().at()).isEqualTo(T0.plusSeconds(10));
    assertThat(store.quarantined(b.id())).isEmpty();
  }
}
