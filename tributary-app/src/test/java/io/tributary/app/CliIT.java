package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it: the real jar in a child process. */
class CliIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void quickstartRunsOfflineAndASecondRunWritesNothingNew() throws Exception {
    Map<String, String> env = Map.of("TRIBUTARY_EXAMPLES", EXAMPLES.toString());
    CliProcess.Result first = CliProcess.run(dir, env, "quickstart");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout())
        .contains(
            "quickstart_reddit.posts",
            "quickstart_twitter.tweets",
            "quickstart_openaq.measurements")
        .contains("quality:")
        .contains(dir.resolve("tributary-data").resolve("tributary.duckdb").toString());
    assertThat(dir.resolve("tributary-data/tributary.duckdb")).exists();

    CliProcess.Result tweets =
        CliProcess.run(
            dir,
            Map.of(),
            "query",
            "--json",
            "SELECT count(*) AS n FROM quickstart_twitter.tweets");
    assertThat(tweets.exitCode()).as(tweets.stderr()).isZero();
    // 2 + 2 + 10 + 10 tweets in the recorded responses, one of them in both searches
    assertThat(JSON.readTree(tweets.stdout()).get(0).get("n").asLong()).isEqualTo(23);

    CliProcess.Result again =
        CliProcess.run(
            dir,
            Map.of(),
            "run",
            EXAMPLES.resolve("quickstart/2-twitter.yaml").toString(),
            "--json",
            "--full-refresh");
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    JsonNode run = JSON.readTree(again.stdout());
    assertThat(run.get("status").asText()).isEqualTo("succeeded");
    assertThat(run.get("records").get("read").asLong()).isEqualTo(24);
    assertThat(run.get("records").get("written").asLong()).isZero();
    assertThat(run.get("records").get("unchanged").asLong()).isEqualTo(23);
    assertThat(run.get("records").get("duplicates").asLong()).isEqualTo(1);
    assertThat(run.fieldNames())
        .toIterable()
        .contains("run_id", "pipeline", "status", "records", "streams", "duration_ms");
  }

  @Test
  void validateReportsEveryProblemWithFileLineAndColumnAndExitsWith2() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        name: Bad Name
        source:
          connector: file
          config:
            path: data/*.jsonl
            format: xml
        process:
          - type: validat
        store:
          batch_size: 0
        """);
    CliProcess.Result r = CliProcess.run(dir, Map.of(), "validate", bad.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr())
        .contains("bad.yaml:1:7")
        .contains("bad.yaml:6:13")
        .contains("xml")
        .contains("bad.yaml:8:11")
        .contains("bad.yaml:10:15");
  }

  @Test
  void malformedLinesAreQuarantinedWithTheirLineNumberAndTheRestIsStored() throws Exception {
    Files.writeString(
        dir.resolve("in.jsonl"),
        """
        {"id": 1, "text": "fine"}
        {"id": 2, "text": "broken"
        {"id": 3, "text": "fine too"}
        """);
    Files.writeString(
        dir.resolve("p.yaml"),
        """
        name: lines
        source:
          connector: file
          config: {path: in.jsonl, format: jsonl, stream: rows, primary_key: [id]}
        """);
    CliProcess.Result r = CliProcess.run(dir, Map.of(), "run", "p.yaml", "--json");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode run = JSON.readTree(r.stdout());
    assertThat(run.get("records").get("written").asLong()).isEqualTo(2);
    assertThat(run.get("records").get("quarantined").asLong()).isEqualTo(1);
    CliProcess.Result q =
        CliProcess.run(
            dir, Map.of(), "query", "--json", "SELECT origin, reason FROM tributary.quarantine");
    JsonNode rows = JSON.readTree(q.stdout());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("origin").asText()).isEqualTo("in.jsonl:2");
  }

  @Test
  void unreadablePipelineFileAndUnusableDataDirGiveClearErrors() throws Exception {
    CliProcess.Result missing = CliProcess.run(dir, Map.of(), "run", "nope.yaml");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr()).contains("nope.yaml").doesNotContain("Exception");

    Files.writeString(dir.resolve("in.jsonl"), "{\"id\": 1}\n");
    Files.writeString(
        dir.resolve("p.yaml"),
        "name: x\nsource:\n  connector: file\n  config: {path: in.jsonl, stream: rows}\n");
    Files.writeString(dir.resolve("a-file"), "not a directory");
    Path dataDir = dir.resolve("a-file").resolve("data");
    CliProcess.Result noDir =
        CliProcess.run(dir, Map.of(), "run", "p.yaml", "--data-dir", dataDir.toString());
    assertThat(noDir.exitCode()).isEqualTo(3);
    assertThat(noDir.stderr()).contains(dataDir.toString()).doesNotContain("\tat ");
    assertThat(dir.resolve("a-file")).hasContent("not a directory");
  }

  @Test
  void corruptConfigIsAClearErrorAndWritesNothing() throws Exception {
    Files.writeString(dir.resolve("p.yaml"), "name: x\nsource: [unclosed\n");
    CliProcess.Result r = CliProcess.run(dir, Map.of(), "run", "p.yaml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("p.yaml:");
    assertThat(dir.resolve("tributary-data")).doesNotExist();
  }

  @Test
  void versionNamesVersionCommitAndJava() throws Exception {
    CliProcess.Result r = CliProcess.run(dir, Map.of(), "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout())
        .contains("tributary 0.1.0-SNAPSHOT")
        .contains("commit")
        .contains("java " + System.getProperty("java.version").split("\\.")[0]);
  }
}
