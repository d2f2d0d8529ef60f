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
import io.tributary.spi.Record;
import io.tributary.spi.store.ExportFormat;
import io.tributary.spi.store.TableRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DuckDbStoreExportIT {
  @TempDir Path dir;
  private DuckDbStore store;

  @BeforeEach
  void open() {
    store = DuckDbStore.open(dir.resolve("tributary.duckdb"), Clock.fixed(T0, ZoneOffset.UTC));
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 123; i++) {
      records.add(
          record(
              map(
                  "id",
                  "k" + i,
                  "title",
                  "post, \"quoted\" " + i,
                  "score",
                  (long) i,
                  "tags",
                  List.of("a", "b"))));
    }
    store.write(batch("run-1", undeclared(), records));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void exportWritesEveryRowInAFormatDuckDbReadsBack(ExportFormat format) throws Exception {
    Path out = dir.resolve("out/posts." + format.name().toLowerCase());

    long written = store.export(POSTS, format, out);

    assertThat(written).isEqualTo(123);
    assertThat(out).isRegularFile();
    String reader =
        switch (format) {
          case CSV -> "read_csv('" + out + "', header = true)";
          case JSON -> "read_json('" + out + "', format = 'array')";
          case PARQUET -> "read_parquet('" + out + "')";
        };
    assertThat(
            store
                .query("SELECT count(*), count(DISTINCT _key), sum(score) FROM " + reader, 1)
                .rows())
        .containsExactly(List.of(123L, 123L, (long) (122 * 123 / 2)));
    try (var files = Files.list(out.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(out.getFileName().toString());
    }
  }

  @Test
  void jsonExportIsOneArray() throws Exception {
    Path out = dir.resolve("posts.json");
    store.export(POSTS, ExportFormat.JSON, out);

    String text = Files.readString(out).strip();
    assertThat(text).startsWith("[").endsWith("]");
  }

  @Test
  void aFailedExportLeavesNoFile() throws Exception {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file where a directory should be");
    Path out = blocker.resolve("posts.csv");

    assertThatThrownBy(() -> store.export(POSTS, ExportFormat.CSV, out))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("could not export reddit.posts");
    assertThat(out).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .allSatisfy(name -> assertThat(name).doesNotContain("posts"));
    }
  }

  @Test
  void exportingAnUnknownTableNamesTheTablesThatExist() {
    assertThatThrownBy(
            () -> store.export(new TableRef("reddit", "nope"), ExportFormat.CSV, dir.resolve("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("there is no table reddit.nope")
        .hasMessageContaining("reddit.posts");
  }
}
