package io.tributary.connectors.file;

import static io.tributary.connectors.file.FileTestSupport.config;
import static io.tributary.connectors.file.FileTestSupport.connector;
import static io.tributary.connectors.file.FileTestSupport.read;
import static io.tributary.connectors.file.FileTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.spi.Connector;
import io.tributary.spi.PermanentException;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import io.tributary.spi.config.Config;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFormatsTest {
  @TempDir Path dir;

  @Test
  void jsonLinesBecomeRecordsWithPlainJavaValuesAndLineOrigins() {
    write(
        dir.resolve("data/posts.jsonl"),
        "{\"id\": 1, \"score\": 2.5, \"tags\": [\"a\", \"b\"], \"author\": {\"name\": \"x\"},"
            + " \"ok\": true, \"gone\": null}\n"
            + "\n"
            + "   \n"
            + "{\"id\": 123456789012345678901234567890, \"score\": 0.1234567890123456789}\r\n"
            + "{\"id\": 3, \"score\": 1e2}");
    Connector c = connector(dir);

    RecordingEmitter out = read(c, config("path", "data/*.jsonl", "stream", "posts"), Map.of());

    assertThat(out.rejected).isEmpty();
    assertThat(out.origins()).containsExactly("posts.jsonl:1", "posts.jsonl:4", "posts.jsonl:5");
    Record first = out.records.get(0);
    assertThat(first.stream()).isEqualTo("posts");
    assertThat(first.data())
        .containsExactly(
            Map.entry("id", 1L),
            Map.entry("score", 2.5),
            Map.entry("tags", List.of("a", "b")),
            Map.entry("author", Map.of("name", "x")),
            Map.entry("ok", true),
            new java.util.AbstractMap.SimpleEntry<String, Object>("gone", null));
    assertThat(out.records.get(1).get("id"))
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(out.records.get(1).get("score")).isEqualTo(new BigDecimal("0.1234567890123456789"));
    assertThat(out.records.get(2).get("score")).isEqualTo(100.0);
  }

  @Test
  void malformedJsonLineIsRejectedWithItsLineNumberAndTheRestIsRead() {
    write(
        dir.resolve("a.jsonl"),
        "{\"id\": 1}\n"
            + "{\"id\": 2, \"name\": }\n"
            + "[1, 2]\n"
            + "{\"id\": 4} trailing\n"
            + "{\"id\": 5}\n");

    RecordingEmitter out = read(connector(dir), config("path", "a.jsonl"), Map.of());

    assertThat(out.values("id")).containsExactly(1L, 5L);
    assertThat(out.rejected)
        .extracting(RejectedInput::origin)
        .containsExactly("a.jsonl:2", "a.jsonl:3", "a.jsonl:4");
    RejectedInput bad = out.rejected.get(0);
    assertThat(bad.stream()).isEqualTo("records");
    assertThat(bad.payload()).isEqualTo("{\"id\": 2, \"name\": }");
    assertThat(bad.reason()).startsWith("invalid JSON at column 19: Unexpected character ('}'");
    assertThat(out.rejected.get(1).reason()).contains("JSON array, not an object");
    assertThat(out.rejected.get(2).reason()).startsWith("invalid JSON at column 11");
  }

  @Test
  void rejectedLinePayloadIsCappedTo64KilobytesAtACharacterBoundary() {
    String huge = "{\"text\": \"" + "é".repeat(40_000) + "\""; // unterminated object, 80 KB
    write(dir.resolve("a.jsonl"), huge + "\n{\"id\": 2}\n");

    RecordingEmitter out = read(connector(dir), config("path", "a.jsonl"), Map.of());

    assertThat(out.values("id")).containsExactly(2L);
    String payload = out.rejected.get(0).payload();
    assertThat(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(64 * 1024);
    assertThat(huge).startsWith(payload);
  }

  @Test
  void jsonArrayDocumentGivesOneRecordPerElementAndObjectDocumentGivesOne() {
    write(dir.resolve("in/a.json"), "[{\"id\": 1}, {\"id\": 2}, 3, {\"id\": 4}]");
    write(dir.resolve("in/b.json"), "{\"id\": 5, \"nested\": {\"deep\": [1, 2.5]}}");

    RecordingEmitter out = read(connector(dir), config("path", "in/*.json"), Map.of());

    assertThat(out.values("id")).containsExactly(1L, 2L, 4L, 5L);
    assertThat(out.origins()).containsExactly("a.json#0", "a.json#1", "a.json#3", "b.json#0");
    assertThat(out.records.get(3).get("nested")).isEqualTo(Map.of("deep", List.of(1L, 2.5)));
    assertThat(out.rejected)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.origin()).isEqualTo("a.json#2");
              assertThat(r.payload()).isEqualTo("3");
              assertThat(r.reason())
                  .isEqualTo("element 2 of the document is a JSON number, not an object");
            });
  }

  @Test
  void recordsPathSelectsTheChildrenOfASavedRedditListing() throws Exception {
    Path listing = dir.resolve("reddit/askreddit_new.json");
    Files.createDirectories(listing.getParent());
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/reddit/r_askreddit_new_limit100.json")) {
      Files.copy(in, listing);
    }
    JsonNode children = new ObjectMapper().readTree(listing.toFile()).at("/data/children");
    List<String> expectedIds = new ArrayList<>();
    children.forEach(child -> expectedIds.add(child.at("/data/id").asText()));

    RecordingEmitter out =
        read(
            connector(dir),
            config("path", "reddit/*.json", "records_path", "/data/children", "stream", "posts"),
            Map.of());

    assertThat(out.rejected).isEmpty();
    assertThat(out.records).hasSize(children.size()).isNotEmpty();
    assertThat(out.records)
        .extracting(r -> FileTestSupport.obj(r.get("data")).get("id"))
        .containsExactlyElementsOf(expectedIds);
    assertThat(out.records).allSatisfy(r -> assertThat(r.get("kind")).isEqualTo("t3"));
    assertThat(out.records.get(0).origin()).isEqualTo("askreddit_new.json#0");
    Map<String, Object> data = FileTestSupport.obj(out.records.get(0).get("data"));
    assertThat(data.get("created_utc"))
        .isEqualTo(children.get(0).at("/data/created_utc").asDouble());
    assertThat(data.get("score")).isEqualTo(children.get(0).at("/data/score").asLong());
  }

  @Test
  void recordPointerUnwrapsEachRecordAndQuarantinesThoseWithoutTheObject() {
    write(
        dir.resolve("l.json"),
        "{\"data\": {\"children\": [{\"kind\": \"t3\", \"data\": {\"id\": \"a\", \"score\": 5}},"
            + " {\"kind\": \"more\", \"data\": 7}]}}");
    RecordingEmitter out =
        read(
            connector(dir),
            config("path", "l.json", "records_path", "/data/children", "record_pointer", "/data"),
            Map.of());
    assertThat(out.records).hasSize(1);
    assertThat(out.records.get(0).data()).containsEntry("id", "a").containsEntry("score", 5L);
    assertThat(out.rejected).hasSize(1);
    assertThat(out.rejected.get(0).origin()).isEqualTo("l.json#1");
    assertThat(out.rejected.get(0).reason())
        .isEqualTo("record_pointer '/data' does not lead to an object in this record");
  }

  @Test
  void recordsPathThatLeadsNowhereNamesTheFileAndThePointer() {
    write(dir.resolve("l.json"), "{\"kind\": \"Listing\", \"data\": {\"children\": []}}");
    Connector c = connector(dir);
    Config config = config("path", "l.json", "records_path", "/data/childs");

    assertThatThrownBy(() -> read(c, config, Map.of()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("l.json")
        .hasMessageContaining("records_path '/data/childs'")
        .hasMessageContaining("'/data' has no member 'childs' (members: children)");
  }

  @Test
  void recordsPathIndexesIntoArrays() {
    write(
        dir.resolve("l.json"),
        "{\"pages\": [{\"items\": [{\"id\": 1}]}, {\"items\": [{\"id\": 2}, {\"id\": 3}]}]}");

    RecordingEmitter out =
        read(connector(dir), config("path", "l.json", "records_path", "/pages/1/items"), Map.of());

    assertThat(out.values("id")).containsExactly(2L, 3L);
  }

  @Test
  void invalidJsonDocumentFailsTheStreamNamingFileAndPosition() {
    write(dir.resolve("bad.json"), "[{\"id\": 1},\n {\"id\": oops}]");
    Connector c = connector(dir);

    RecordingEmitter out = new RecordingEmitter();
    Config config = config("path", "bad.json");
    assertThatThrownBy(() -> c.read(FileTestSupport.stream(config), config, Map.of(), out))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("bad.json is not valid JSON at line 2, column");
    assertThat(out.values("id")).containsExactly(1L);
  }

  @Test
  void csvHeaderNamesTheFieldsAndEmptyCellsAreNull() {
    write(
        dir.resolve("people.csv"),
        "\uFEFFid,name,note\r\n"
            + "1,Ada,\r\n"
            + "2,\"Lovelace, A.\",\"said \"\"hi\"\"\"\r\n"
            + "\r\n"
            + "3,Bob,\"two\nlines\"\r\n"
            + "4,Cy,é\r\n");

    RecordingEmitter out = read(connector(dir), config("path", "*.csv"), Map.of());

    assertThat(out.rejected).isEmpty();
    assertThat(out.records)
        .extracting(Record::data)
        .containsExactly(
            map("id", "1", "name", "Ada", "note", null),
            map("id", "2", "name", "Lovelace, A.", "note", "said \"hi\""),
            map("id", "3", "name", "Bob", "note", "two\nlines"),
            map("id", "4", "name", "Cy", "note", "é"));
    assertThat(out.origins())
        .containsExactly("people.csv:2", "people.csv:3", "people.csv:5", "people.csv:7");
  }

  @Test
  void csvRowWithTheWrongNumberOfCellsIsRejectedWithItsLineNumber() {
    write(dir.resolve("t.csv"), "a;b;c\n1;2;3\n4;5\n6;7;8;9\n10;11;12\n");

    RecordingEmitter out =
        read(connector(dir), config("path", "t.csv", "csv_delimiter", ";"), Map.of());

    assertThat(out.values("a")).containsExactly("1", "10");
    assertThat(out.rejected)
        .extracting(RejectedInput::origin, RejectedInput::payload, RejectedInput::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "t.csv:3", "4;5", "line 3 has 2 cells but the header has 3 columns"),
            org.assertj.core.groups.Tuple.tuple(
                "t.csv:4", "6;7;8;9", "line 4 has 4 cells but the header has 3 columns"));
  }

  @Test
  void csvUnterminatedQuoteAtTheEndIsRejectedNotLost() {
    write(dir.resolve("t.csv"), "a,b\n1,2\n3,\"open\n4,5\n");

    RecordingEmitter out = read(connector(dir), config("path", "t.csv"), Map.of());

    assertThat(out.values("a")).containsExactly("1");
    assertThat(out.rejected)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.origin()).isEqualTo("t.csv:3");
              assertThat(r.payload()).isEqualTo("3,\"open\n4,5\n");
              assertThat(r.reason()).startsWith("invalid CSV at line 3");
            });
  }

  @Test
  void csvHeaderWithARepeatedNameFailsTheStream() {
    write(dir.resolve("t.csv"), "a,b,a\n1,2,3\n");
    Connector c = connector(dir);
    Config config = config("path", "t.csv");

    assertThatThrownBy(() -> read(c, config, Map.of()))
        .isInstanceOf(PermanentException.class)
        .hasMessage(
            "t.csv: the header row (line 1) names column 'a' twice; give each column a unique"
                + " name");
  }

  @Test
  void filesAreReadInNameOrderAndDoubleStarCrossesDirectories() {
    write(dir.resolve("logs/b.jsonl"), "{\"id\": 2}\n");
    write(dir.resolve("logs/a.jsonl"), "{\"id\": 1}\n");
    write(dir.resolve("logs/2025/c.jsonl"), "{\"id\": 3}\n");
    write(dir.resolve("logs/notes.txt"), "not matched\n");

    RecordingEmitter out = read(connector(dir), config("path", "logs/**/*.jsonl"), Map.of());

    assertThat(out.origins()).containsExactly("2025/c.jsonl:1", "a.jsonl:1", "b.jsonl:1");
  }

  @Test
  void absolutePathsAreAccepted() {
    Path file = write(dir.resolve("abs/x.jsonl"), "{\"id\": 7}\n");

    RecordingEmitter out =
        read(connector(Path.of("/nonexistent-base")), config("path", file.toString()), Map.of());

    assertThat(out.values("id")).containsExactly(7L);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
