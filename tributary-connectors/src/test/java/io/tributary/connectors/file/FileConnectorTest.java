package io.tributary.connectors.file;

import static io.tributary.connectors.file.FileTestSupport.config;
import static io.tributary.connectors.file.FileTestSupport.connector;
import static io.tributary.connectors.file.FileTestSupport.read;
import static io.tributary.connectors.file.FileTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.tributary.spi.CheckResult;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.PermanentException;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConnectorTest {
  @TempDir Path dir;

  @Test
  void providerIsFoundByServiceLoaderAndDescribesEveryField() {
    ConnectorProvider provider =
        ServiceLoader.load(ConnectorProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("file"))
            .findFirst()
            .orElseThrow();

    assertThat(provider).isInstanceOf(FileConnectorProvider.class);
    assertThat(provider.spec().names())
        .containsExactly(
            "path",
            "format",
            "stream",
            "primary_key",
            "cursor_field",
            "records_path",
            "record_pointer",
            "csv_delimiter",
            "checkpoint_every");
    assertThat(provider.spec().fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    assertThat(provider.spec().field("path"))
        .get()
        .extracting(ConfigField::required)
        .isEqualTo(true);
  }

  @Test
  void checkSucceedsWhenTheGlobMatchesAReadableFile() {
    write(dir.resolve("data/a.jsonl"), "{}\n");
    write(dir.resolve("data/b.jsonl"), "{}\n");

    CheckResult result = connector(dir).check(config("path", "data/*.jsonl"));

    assertThat(result.ok()).isTrue();
    assertThat(result.message())
        .isEqualTo("2 file(s) match path 'data/*.jsonl', 2 readable, format jsonl");
  }

  @Test
  void globMatchingNothingFailsCheckAndReadNamingThePath() {
    Connector c = connector(dir);
    Config config = config("path", "data/*.jsonl");

    CheckResult result = c.check(config);

    assertThat(result.ok()).isFalse();
    assertThat(result.message())
        .startsWith("no file matches path 'data/*.jsonl' (looked in " + dir.resolve("data") + "/)");
    assertThatThrownBy(() -> read(c, config, Map.of()))
        .isInstanceOf(PermanentException.class)
        .hasMessage(result.message());
  }

  @Test
  void linkPointingNowhereIsAClearErrorNotASilentSkip() throws Exception {
    write(dir.resolve("d/a.jsonl"), "{\"id\": 1}\n");
    Path broken = dir.resolve("d/b.jsonl");
    Files.createSymbolicLink(broken, dir.resolve("d/missing.jsonl"));
    Connector c = connector(dir);
    Config config = config("path", "d/*.jsonl");

    RecordingEmitter out = new RecordingEmitter();
    assertThatThrownBy(() -> c.read(FileTestSupport.stream(config), config, Map.of(), out))
        .isInstanceOf(PermanentException.class)
        .hasMessage(
            "cannot read "
                + broken
                + ": no such file (deleted while reading, or a link pointing nowhere)");
    assertThat(out.values("id")).containsExactly(1L);
    CheckResult check = c.check(config);
    assertThat(check.ok()).isTrue();
    assertThat(check.message()).contains("1 readable").contains("cannot read d/b.jsonl");
  }

  @Test
  void fileWithoutReadPermissionIsAClearError() throws Exception {
    Path f = write(dir.resolve("secret.jsonl"), "{\"id\": 1}\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(f), "running as a user who can read any file (root)");
    Connector c = connector(dir);
    Config config = config("path", "secret.jsonl");

    assertThatThrownBy(() -> read(c, config, Map.of()))
        .isInstanceOf(PermanentException.class)
        .hasMessageStartingWith("cannot read " + f + ": permission denied");
    assertThat(c.check(config).ok()).isFalse();
  }

  @Test
  void discoverInfersTheSchemaFromASampleAndCarriesKeyAndCursor() {
    write(
        dir.resolve("e.jsonl"),
        "{\"id\":1,\"score\":5,\"at\":\"2025-01-01T00:00:00Z\",\"title\":\"a\",\"tags\":[],"
            + "\"meta\":{},\"ok\":true,\"none\":null,\"mixed\":1}\n"
            + "{\"id\":2,\"score\":2.5,\"at\":\"2025-01-02T10:00:00.5+02:00\",\"title\":\"b\","
            + "\"mixed\":\"x\"}\n");

    List<StreamSpec> streams =
        connector(dir)
            .discover(
                config(
                    "path",
                    "e.jsonl",
                    "stream",
                    "events",
                    "primary_key",
                    "id",
                    "cursor_field",
                    "at"));

    assertThat(streams)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("events");
              assertThat(s.primaryKey()).containsExactly("id");
              assertThat(s.cursorField()).contains("at");
              assertThat(s.jsonSchema()).containsEntry("type", "object");
              assertThat(FileTestSupport.obj(s.jsonSchema().get("properties")))
                  .containsExactly(
                      Map.entry("id", Map.of("type", "integer")),
                      Map.entry("score", Map.of("type", "number")),
                      Map.entry("at", Map.of("type", "string", "format", "date-time")),
                      Map.entry("title", Map.of("type", "string")),
                      Map.entry("tags", Map.of("type", "array")),
                      Map.entry("meta", Map.of("type", "object")),
                      Map.entry("ok", Map.of("type", "boolean")),
                      Map.entry("none", Map.of()),
                      Map.entry("mixed", Map.of("type", List.of("integer", "string"))));
            });
  }

  @Test
  void discoverLooksAtNoMoreThanTheSample() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < FileConnector.SAMPLE_SIZE; i++) {
      sb.append("{\"id\":").append(i).append("}\n");
    }
    sb.append("{\"id\":\"late\",\"extra\":1}\n");
    write(dir.resolve("e.jsonl"), sb.toString());

    StreamSpec s = connector(dir).discover(config("path", "e.jsonl")).get(0);

    assertThat(FileTestSupport.obj(s.jsonSchema().get("properties")))
        .containsExactly(Map.entry("id", Map.of("type", "integer")));
    assertThat(s.name()).isEqualTo("records");
    assertThat(s.cursorField()).isEqualTo(Optional.empty());
  }

  @Test
  void configProblemsAreAllReportedWithTheirKeys() {
    Connector c = connector(dir);
    Config config =
        config(
            "path", "data/*", "stream", "Bad Name", "records_path", "data", "csv_delimiter", "ab");

    assertThatThrownBy(() -> read(c, config, Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .extracting(ConfigProblem::path)
                    .containsExactly("format", "stream", "records_path", "csv_delimiter"))
        .hasMessageContaining(
            "cannot infer 'format' from path 'data/*'; set 'format' to one of jsonl, json, csv");
    CheckResult check = c.check(config);
    assertThat(check.ok()).isFalse();
    assertThat(check.message()).contains("4 problems");
  }

  @Test
  void recordsPathWithAFormatOtherThanJsonIsRejected() {
    assertThatThrownBy(() -> FileSettings.from(config("path", "a.jsonl", "records_path", "/data")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'records_path' applies only to format json (format is jsonl)");
  }

  @Test
  void explicitFormatOverridesTheExtension() {
    write(dir.resolve("export.txt"), "a,b\n1,2\n");

    RecordingEmitter out =
        read(connector(dir), config("path", "export.txt", "format", "csv"), Map.of());

    assertThat(out.records)
        .singleElement()
        .extracting(r -> r.data())
        .isEqualTo(Map.of("a", "1", "b", "2"));
  }
}
