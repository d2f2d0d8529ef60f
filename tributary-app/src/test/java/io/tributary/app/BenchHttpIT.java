package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.app.bench.BenchData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary bench --source http} on a few pages, through the real CLI: every served record
 * lands in DuckDB except the duplicates the generator planted, and the figures are printed. Times
 * are never asserted.
 */
class BenchHttpIT {
  static final int PAGES = 30;

  @TempDir Path dir;

  @Test
  void storesEveryServedRecordButThePlantedDuplicatesAndPrintsTheFigures() throws Exception {
    long records = PAGES * 100L;
    long planted = BenchData.generate(records, 42, line -> {});
    assertThat(planted).as("the generator plants duplicates").isPositive();

    CliProcess.Result r =
        CliProcess.run(
            dir, Map.of(), "bench", "--source", "http", "--pages", "" + PAGES, "--work", "out");
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    assertThat(r.stdout())
        .contains("%,d exact duplicates planted".formatted(planted))
        .contains("HTTP manifest → validate → dedup → DuckDB")
        .contains("status          succeeded")
        .contains("stored rows     %,d".formatted(records - planted))
        .contains("duplicates      %,d".formatted(planted))
        .contains("HTTP source alone")
        .contains("Bare java.net.http.HttpClient loop")
        .containsPattern("throughput +[\\d,]+ pages/s, [\\d,]+ records/s")
        .containsPattern("CPU +[\\d.]+ ms per 1,000 records")
        .containsPattern("peak RSS +[\\d,]+ MB")
        .containsPattern("end-to-end into DuckDB +wall [+-][\\d.]+%, client CPU [+-][\\d.]+%");
    assertThat(Files.exists(dir.resolve("out/http/connectors/benchapi.yaml"))).isTrue();

    CliProcess.Result q =
        CliProcess.run(
            dir,
            Map.of(),
            "query",
            "--data-dir",
            "out/http/data",
            "--json",
            "SELECT count(*) AS n, count(DISTINCT id) AS ids FROM httpbench.events");
    assertThat(q.exitCode()).as(q.stderr()).isZero();
    var row = new ObjectMapper().readTree(q.stdout()).get(0);
    assertThat(row.get("n").asLong()).isEqualTo(records - planted);
    assertThat(row.get("ids").asLong()).isEqualTo(records - planted);
  }
}
