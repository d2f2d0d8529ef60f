package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tributary quarantine list|show|replay|purge} on the real jar. */
class QuarantineIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static final String PIPELINE =
      """
      name: meters
      source:
        connector: file
        config: {path: in.jsonl, format: jsonl, stream: readings, primary_key: [id]}
      process:
        - type: validate
          rules:
            - {field: value, rule: range, min: %s, max: %s}
      """;

  private JsonNode json(String... args) throws Exception {
    CliProcess.Result r = CliProcess.run(dir, Map.of(), args);
    assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
    return JSON.readTree(r.stdout());
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  @Test
  void aFixedRuleReplaysExactlyTheRecordsThatNowPassAndPurgeDeletesTheRest() throws Exception {
    Files.writeString(
        dir.resolve("in.jsonl"),
        """
        {"id": 1, "value": 5}
        {"id": 2, "value": 150}
        {"id": 3, "value": 20}
        {"id": 4, "value": 900}
        {"id": 5, "value": -3}
        {"id": 6, "value": 7
        """);
    Path pipeline = dir.resolve("p.yaml");
    Files.writeString(pipeline, PIPELINE.formatted(0, 100));

    JsonNode run = json("run", "p.yaml", "--json");
    assertThat(run.get("records").get("written").asLong()).isEqualTo(2);
    assertThat(run.get("records").get("quarantined").asLong()).isEqualTo(4);

    JsonNode all = json("quarantine", "list", "--json");
    assertThat(texts(all, "origin"))
        .containsExactlyInAnyOrder("in.jsonl:2", "in.jsonl:4", "in.jsonl:5", "in.jsonl:6");
    JsonNode byRule = json("quarantine", "list", "--json", "--rule", "range");
    assertThat(texts(byRule, "origin"))
        .containsExactlyInAnyOrder("in.jsonl:2", "in.jsonl:4", "in.jsonl:5");
    assertThat(texts(byRule, "stage")).containsOnly("process:validate");
    assertThat(json("quarantine", "list", "--json", "--pipeline", "nope")).isEmpty();
    assertThat(json("quarantine", "list", "--json", "--limit", "1")).hasSize(1);

    JsonNode four = null;
    for (JsonNode e : all) {
      if (e.get("origin").asText().equals("in.jsonl:4")) {
        four = e;
      }
    }
    JsonNode shown = json("quarantine", "show", four.get("id").asText(), "--json");
    assertThat(JSON.readTree(shown.get("payload").asText()))
        .isEqualTo(JSON.readTree("{\"id\": 4, \"value\": 900}"));
    assertThat(shown.get("reason").asText()).contains("900").contains("100");

    // widen the range: 150 and 900 now pass; -3 still fails, with a new reason (the minimum moved)
    Files.writeString(pipeline, PIPELINE.formatted(-1, 1000));

    JsonNode dry = json("quarantine", "replay", "p.yaml", "--dry-run", "--json");
    assertThat(dry.get("dry_run").asBoolean()).isTrue();
    assertThat(dry.get("replayed").asInt()).isEqualTo(2);
    assertThat(json("quarantine", "list", "--json")).hasSize(4);
    assertThat(
            json("query", "--json", "SELECT count(*) AS n FROM meters.readings")
                .get(0)
                .get("n")
                .asLong())
        .isEqualTo(2);

    JsonNode replay = json("quarantine", "replay", "p.yaml", "--json");
    assertThat(replay.get("replayed").asInt()).isEqualTo(2);
    assertThat(replay.get("still_failing").asInt()).isEqualTo(1);
    assertThat(replay.get("skipped").asInt()).isEqualTo(1); // the malformed line 6
    assertThat(replay.get("streams").get(0).get("reason_updated").asInt()).isEqualTo(1);

    JsonNode stored = json("query", "--json", "SELECT id, value FROM meters.readings ORDER BY id");
    assertThat(texts(stored, "id")).containsExactly("1", "2", "3", "4");
    assertThat(stored.get(3).get("value").asLong()).isEqualTo(900);

    JsonNode left = json("quarantine", "list", "--json");
    assertThat(texts(left, "origin")).containsExactlyInAnyOrder("in.jsonl:5", "in.jsonl:6");
    for (JsonNode e : left) {
      if (e.get("origin").asText().equals("in.jsonl:5")) {
        assertThat(e.get("reason").asText()).contains("-3").contains("minimum -1");
      } else {
        assertThat(e.get("stage").asText()).isEqualTo("read");
      }
    }

    // a second replay changes nothing
    JsonNode again = json("quarantine", "replay", "p.yaml", "--json");
    assertThat(again.get("replayed").asInt()).isZero();
    assertThat(again.get("still_failing").asInt()).isEqualTo(1);
    assertThat(again.get("streams").get(0).get("reason_updated").asInt()).isZero();

    CliProcess.Result preview = CliProcess.run(dir, Map.of(), "quarantine", "purge");
    assertThat(preview.exitCode()).as(preview.stderr()).isZero();
    assertThat(preview.stdout()).contains("would delete 2").contains("meters.readings: 2");
    assertThat(json("quarantine", "list", "--json")).hasSize(2);

    CliProcess.Result old =
        CliProcess.run(dir, Map.of(), "quarantine", "purge", "--before", "2000-01-01", "--yes");
    assertThat(old.stdout()).contains("deleted 0");
    CliProcess.Result purge =
        CliProcess.run(
            dir,
            Map.of(),
            "quarantine",
            "purge",
            "--pipeline",
            "meters",
            "--stream",
            "readings",
            "--yes");
    assertThat(purge.exitCode()).as(purge.stderr()).isZero();
    assertThat(purge.stdout()).contains("deleted 2");
    assertThat(json("quarantine", "list", "--json")).isEmpty();
    assertThat(texts(json("query", "--json", "SELECT id FROM meters.readings"), "id")).hasSize(4);
  }

  @Test
  void unknownIdsStreamsAndDatesAreUsageErrors() throws Exception {
    Files.writeString(dir.resolve("in.jsonl"), "{\"id\": 1, \"value\": 500}\n");
    Files.writeString(dir.resolve("p.yaml"), PIPELINE.formatted(0, 100));
    json("run", "p.yaml", "--json");
    assertThat(CliProcess.run(dir, Map.of(), "quarantine", "show", "999").exitCode()).isEqualTo(2);
    CliProcess.Result stream =
        CliProcess.run(dir, Map.of(), "quarantine", "replay", "p.yaml", "--stream", "nope");
    assertThat(stream.exitCode()).isEqualTo(2);
    assertThat(stream.stderr()).contains("nope").contains("readings");
    CliProcess.Result date =
        CliProcess.run(dir, Map.of(), "quarantine", "purge", "--before", "yesterday");
    assertThat(date.exitCode()).isEqualTo(2);
    assertThat(date.stderr()).contains("yesterday");
    assertThat(json("quarantine", "list", "--json")).hasSize(1);
  }
}
