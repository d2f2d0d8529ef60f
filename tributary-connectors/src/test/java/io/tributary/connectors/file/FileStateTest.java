package io.tributary.connectors.file;

import static io.tributary.connectors.file.FileTestSupport.config;
import static io.tributary.connectors.file.FileTestSupport.connector;
import static io.tributary.connectors.file.FileTestSupport.jsonLines;
import static io.tributary.connectors.file.FileTestSupport.longs;
import static io.tributary.connectors.file.FileTestSupport.read;
import static io.tributary.connectors.file.FileTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.ConfigException;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorContext.Window;
import io.tributary.spi.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateTest {
  @TempDir Path dir;

  @Test
  void checkpointsFollowEveryNRecordsAndTheEndOfEachFile() throws Exception {
    write(dir.resolve("d/a.jsonl"), jsonLines(0, 7));
    write(dir.resolve("d/b.jsonl"), jsonLines(7, 9));

    RecordingEmitter out =
        read(connector(dir), config("path", "d/*.jsonl", "checkpoint_every", 3), Map.of());

    assertThat(out.values("id")).isEqualTo(new ArrayList<Object>(longs(0, 9)));
    // after 3 and 6 records of a.jsonl, at the end of a.jsonl (7), and the final one at the
    // end of b.jsonl (9)
    assertThat(out.recordsBeforeCheckpoint).containsExactly(3, 6, 7, 9);
    Map<String, Object> files = FileTestSupport.obj(out.checkpoints.get(0).state().get("files"));
    assertThat(FileTestSupport.obj(files.get("d/a.jsonl")))
        .containsEntry("size", Files.size(dir.resolve("d/a.jsonl")))
        .containsEntry(
            "status", Map.of("offset", lineOffset(dir.resolve("d/a.jsonl"), 3), "line", 4L));
    Map<String, Object> last = FileTestSupport.obj(out.lastState().get("files"));
    assertThat(last.keySet()).containsExactly("d/a.jsonl", "d/b.jsonl");
    assertThat(FileTestSupport.obj(last.get("d/b.jsonl")).get("status")).isEqualTo("done");
  }

  @Test
  void readResumesMidFileFromACheckpointAndEmitsOnlyLaterRecords() {
    write(dir.resolve("a.jsonl"), jsonLines(0, 10));
    Config config = config("path", "a.jsonl", "checkpoint_every", 4);
    RecordingEmitter first = read(connector(dir), config, Map.of());
    Map<String, Object> afterFour = first.checkpoints.get(0).state();
    assertThat(first.recordsBeforeCheckpoint.get(0)).isEqualTo(4);

    RecordingEmitter resumed = read(connector(dir), config, afterFour);

    assertThat(resumed.values("id")).isEqualTo(new ArrayList<Object>(longs(4, 10)));
    assertThat(resumed.origins().get(0)).isEqualTo("a.jsonl:5");
  }

  @Test
  void csvResumesMidFileWithTheHeaderFromTheFileStart() {
    write(dir.resolve("t.csv"), "id,text\n1,\"multi\nline\"\n2,é\n3,x\n4,y\n");
    Config config = config("path", "t.csv", "checkpoint_every", 2);
    RecordingEmitter first = read(connector(dir), config, Map.of());
    assertThat(first.values("id")).containsExactly("1", "2", "3", "4");

    RecordingEmitter resumed = read(connector(dir), config, first.checkpoints.get(0).state());

    assertThat(resumed.records)
        .extracting(r -> r.data())
        .containsExactly(Map.of("id", "3", "text", "x"), Map.of("id", "4", "text", "y"));
    assertThat(resumed.origins()).containsExactly("t.csv:5", "t.csv:6");
  }

  @Test
  void jsonDocumentResumesAtTheNextRecordIndex() {
    write(dir.resolve("a.json"), "[{\"id\":0},{\"id\":1},{\"id\":2},{\"id\":3},{\"id\":4}]");
    Config config = config("path", "a.json", "checkpoint_every", 2);
    RecordingEmitter first = read(connector(dir), config, Map.of());
    Map<String, Object> afterTwo = first.checkpoints.get(0).state();
    assertThat(
            FileTestSupport.obj(FileTestSupport.obj(afterTwo.get("files")).get("a.json"))
                .get("status"))
        .isEqualTo(Map.of("index", 2L));

    RecordingEmitter resumed = read(connector(dir), config, afterTwo);

    assertThat(resumed.values("id")).containsExactly(2L, 3L, 4L);
  }

  @Test
  void doneAndUnchangedFileIsSkippedButChangedFileIsReadAgainFromTheStart() throws Exception {
    Path a = write(dir.resolve("d/a.jsonl"), jsonLines(0, 3));
    Path b = write(dir.resolve("d/b.jsonl"), jsonLines(3, 5));
    Config config = config("path", "d/*.jsonl");
    Map<String, Object> state = read(connector(dir), config, Map.of()).lastState();

    RecordingEmitter nothingNew = read(connector(dir), config, state);
    assertThat(nothingNew.records).isEmpty();
    assertThat(nothingNew.lastState()).isEqualTo(state);

    Files.writeString(b, jsonLines(3, 6));
    Files.setLastModifiedTime(b, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    RecordingEmitter changed = read(connector(dir), config, state);

    assertThat(changed.values("id")).containsExactly(3L, 4L, 5L);
    assertThat(Files.getLastModifiedTime(a).toMillis())
        .isEqualTo(
            FileTestSupport.obj(
                    FileTestSupport.obj(changed.lastState().get("files")).get("d/a.jsonl"))
                .get("modified"));
  }

  @Test
  void touchedFileWithTheSameSizeIsReadAgain() throws Exception {
    Path a = write(dir.resolve("a.jsonl"), jsonLines(0, 2));
    Config config = config("path", "a.jsonl");
    Map<String, Object> state = read(connector(dir), config, Map.of()).lastState();
    Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2031-01-01T00:00:00Z")));

    assertThat(read(connector(dir), config, state).values("id")).containsExactly(0L, 1L);
  }

  @Test
  void vanishedFilesLeaveTheState() throws Exception {
    write(dir.resolve("d/a.jsonl"), jsonLines(0, 1));
    Path b = write(dir.resolve("d/b.jsonl"), jsonLines(1, 2));
    Config config = config("path", "d/*.jsonl");
    Map<String, Object> state = read(connector(dir), config, Map.of()).lastState();
    Files.delete(b);

    Map<String, Object> after = read(connector(dir), config, state).lastState();

    assertThat(FileTestSupport.obj(after.get("files")).keySet()).containsExactly("d/a.jsonl");
  }

  @Test
  void cursorSkipsOlderRecordsOnLaterRunsButKeepsTies() throws Exception {
    Path f =
        write(
            dir.resolve("e.jsonl"),
            "{\"id\":1,\"at\":\"2025-01-01T00:00:00Z\"}\n"
                + "{\"id\":2,\"at\":\"2025-01-03T00:00:00Z\"}\n"
                + "{\"id\":3,\"at\":\"2025-01-02T00:00:00Z\"}\n");
    Config config = config("path", "e.jsonl", "primary_key", List.of("id"), "cursor_field", "at");
    RecordingEmitter first = read(connector(dir), config, Map.of());
    assertThat(first.values("id")).containsExactly(1L, 2L, 3L);
    assertThat(first.lastState())
        .containsEntry("cursor", "2025-01-03T00:00:00Z")
        .doesNotContainKey("cursor_max");

    Files.writeString(
        f,
        "{\"id\":1,\"at\":\"2025-01-01T00:00:00Z\"}\n"
            + "{\"id\":2,\"at\":\"2025-01-03T00:00:00Z\"}\n"
            + "{\"id\":3,\"at\":\"2025-01-02T00:00:00Z\"}\n"
            + "{\"id\":4,\"at\":\"2025-01-03T01:00:00+01:00\"}\n"
            + "{\"id\":5,\"at\":\"2025-01-04T00:00:00Z\"}\n"
            + "{\"id\":6}\n");
    RecordingEmitter second = read(connector(dir), config, first.lastState());

    // 2 and 4 tie with the stored cursor (4 is the same instant at another offset): kept
    assertThat(second.values("id")).containsExactly(2L, 4L, 5L, 6L);
    assertThat(second.lastState()).containsEntry("cursor", "2025-01-04T00:00:00Z");
  }

  @Test
  void aReadThatHasNotCompletedDoesNotRaiseTheCursorThreshold() {
    write(
        dir.resolve("d/a.jsonl"),
        "{\"id\":1,\"n\":50}\n{\"id\":2,\"n\":60}\n{\"id\":3,\"n\":70}\n");
    write(dir.resolve("d/b.jsonl"), "{\"id\":4,\"n\":10}\n");
    Config config = config("path", "d/*.jsonl", "cursor_field", "n", "checkpoint_every", 2);
    RecordingEmitter first = read(connector(dir), config, Map.of());
    Map<String, Object> midA = first.checkpoints.get(0).state();
    assertThat(midA).containsEntry("cursor_max", 60L).doesNotContainKey("cursor");

    // a crash after that checkpoint: the resumed read still emits b.jsonl's older record
    RecordingEmitter resumed = read(connector(dir), config, midA);

    assertThat(resumed.values("id")).containsExactly(3L, 4L);
    assertThat(resumed.lastState()).containsEntry("cursor", 70L).doesNotContainKey("cursor_max");
  }

  @Test
  void windowReadsOnlyRecordsWhoseCursorIsInRangeAndLeavesTheStateAlone() {
    write(
        dir.resolve("e.jsonl"),
        "{\"id\":1,\"at\":\"2025-01-01T00:00:00Z\"}\n"
            + "{\"id\":2,\"at\":\"2025-01-02T00:00:00Z\"}\n"
            + "{\"id\":3,\"at\":\"2025-01-02T23:59:59.999Z\"}\n"
            + "{\"id\":4,\"at\":\"2025-01-03T00:00:00Z\"}\n"
            + "{\"id\":5}\n");
    write(
        dir.resolve("n.jsonl"), "{\"id\":6,\"at\":1735776000}\n{\"id\":7,\"at\":1735776000000}\n");
    Window window =
        new Window(Instant.parse("2025-01-02T00:00:00Z"), Instant.parse("2025-01-03T00:00:00Z"));
    Connector c =
        new FileConnectorProvider()
            .create(ConnectorContext.of(dir, FileTestSupport.CLOCK).withWindow(window));
    Config config = config("path", "*.jsonl", "cursor_field", "at", "checkpoint_every", 1);
    Map<String, Object> doneState =
        Map.of("files", Map.of("e.jsonl", Map.of("size", 0L, "modified", 0L, "status", "done")));

    RecordingEmitter out = read(c, config, doneState);

    // 1735776000 s and 1735776000000 ms are both 2025-01-02T00:00:00Z
    assertThat(out.values("id")).containsExactly(2L, 3L, 6L, 7L);
    assertThat(out.checkpoints).isEmpty();
  }

  @Test
  void windowWithoutCursorFieldIsAConfigError() {
    write(dir.resolve("e.jsonl"), "{}\n");
    Connector c =
        new FileConnectorProvider()
            .create(
                ConnectorContext.of(dir, FileTestSupport.CLOCK)
                    .withWindow(new Window(Instant.EPOCH, null)));
    Config config = config("path", "e.jsonl");

    assertThatThrownBy(() -> read(c, config, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cursor_field");
  }

  @Test
  void malformedStateEntriesAreIgnoredAndTheFileIsReadInFull() {
    write(dir.resolve("a.jsonl"), jsonLines(0, 2));
    Map<String, Object> garbage =
        Map.of("files", Map.of("a.jsonl", Map.of("size", "big", "status", "done")), "cursor", 5);

    assertThat(read(connector(dir), config("path", "a.jsonl"), garbage).values("id"))
        .containsExactly(0L, 1L);
  }

  @Test
  void resumeAfterARejectedLineStartsAtTheLineAfterIt() {
    write(dir.resolve("a.jsonl"), "{\"id\":0}\r\n{broken\r\n{\"id\":2}\r\n{\"id\":3}\r\n");
    Config config = config("path", "a.jsonl", "checkpoint_every", 2);
    RecordingEmitter first = read(connector(dir), config, Map.of());
    assertThat(first.rejected).hasSize(1);

    RecordingEmitter resumed = read(connector(dir), config, first.checkpoints.get(0).state());

    assertThat(resumed.rejected).isEmpty();
    assertThat(resumed.values("id")).containsExactly(2L, 3L);
    assertThat(resumed.origins()).containsExactly("a.jsonl:3", "a.jsonl:4");
  }

  @Test
  void cancelledReadStopsEarlyWithoutAFinalCheckpoint() {
    write(dir.resolve("a.jsonl"), jsonLines(0, 5000));
    Config config = config("path", "a.jsonl", "checkpoint_every", 100_000);
    RecordingEmitter cancelling =
        new RecordingEmitter() {
          @Override
          public boolean isCancelled() {
            return records.size() >= 1500;
          }
        };

    connector(dir).read(FileTestSupport.stream(config), config, Map.of(), cancelling);

    assertThat(cancelling.records).hasSizeBetween(1500, 2100);
    assertThat(cancelling.checkpoints).isEmpty();
  }

  private static long lineOffset(Path file, int line) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int seen = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n' && ++seen == line) {
        return i + 1;
      }
    }
    throw new AssertionError("file has fewer than " + line + " lines");
  }
}
