package io.tributary.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.store.TableRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineLoaderTest {
  private static final Path PIPELINES = Path.of("src/test/resources/pipelines");

  private final PipelineLoader loader = new PipelineLoader(TestPlugins.plugins(), Map.of());

  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  @Test
  void fileWithElevenMistakesReportsEveryOneAtItsLineAndColumn() {
    Path file = PIPELINES.resolve("invalid/many-mistakes.yaml");

    List<ConfigProblem> problems = loader.validate(file);

    String f = file.toString();
    assertThat(problems)
        .extracting(ConfigProblem::location, ConfigProblem::path, ConfigProblem::value)
        .containsExactly(
            tuple(f + ":1:7", "name", "Reddit Posts"),
            tuple(f + ":2:1", "descripton", null),
            tuple(f + ":7:13", "source.config.format", "xml"),
            tuple(f + ":8:18", "source.config.max_records", "0"),
            tuple(f + ":10:11", "process[0].type", "rnage"),
            tuple(f + ":13:10", "process[1].min", "low"),
            tuple(f + ":15:9", "store.type", "postgres"),
            tuple(f + ":16:15", "store.batch_size", "-5"),
            tuple(f + ":18:10", "schedule.every", "6 hours"),
            tuple(f + ":19:13", "schedule.timezone", "Europe/Berln"),
            tuple(f + ":20:19", "after[1]", "upstream"));
    assertThat(problems.get(1).message()).contains("did you mean 'description'?");
    assertThat(problems.get(4).message()).contains("did you mean 'range'?");
  }

  @Test
  void loadThrowsOneConfigExceptionCarryingEveryProblem() {
    Path file = PIPELINES.resolve("invalid/many-mistakes.yaml");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems()).hasSize(11).isEqualTo(loader.validate(file));
              assertThat(e.getMessage())
                  .startsWith("11 problems")
                  .contains(file + ":7:13: source.config.format: 'format' must be one of")
                  .contains("(was: xml)");
            });
  }

  @Test
  void everySectionOfAFullPipelineIsBound() {
    PipelineConfig p = loader.load(PIPELINES.resolve("valid/full.yaml"));

    assertThat(p.name()).isEqualTo("reddit-sentiment");
    assertThat(p.source().connector()).isEqualTo("file");
    assertThat(p.source().config())
        .containsEntry("path", "data/reddit/*.json")
        .containsEntry("format", "json")
        .containsEntry("primary_key", "id")
        .containsEntry("max_records", 16L)
        .containsEntry("follow", true);
    assertThat(p.source().streams())
        .containsExactly(
            StreamSelection.named("posts"),
            new StreamSelection("comments", List.of("post_id", "id"), "created_utc"));
    assertThat(p.process()).extracting(StepConfig::type).containsExactly("range", "dedup");
    StepConfig range = p.process().get(0);
    assertThat(range.config()).doesNotContainKey("type").containsEntry("min", 0L);
    assertThat(range.config().get("max")).isEqualTo(1_000_000.0);
    assertThat(range.config().get("rules"))
        .isEqualTo(List.of(Map.of("field", "title", "not_empty", true)));
    assertThat(range.location()).isEqualTo(PIPELINES.resolve("valid/full.yaml") + ":18:5");
    assertThat(p.process().get(1).config()).containsEntry("key", List.of("id"));
    assertThat(p.store()).isEqualTo(new StoreConfig("duckdb", "reddit", 500, 250));
    assertThat(p.schedule())
        .isEqualTo(new ScheduleConfig("0 */6 * * *", null, null, "Europe/Berlin", "skip"));
    assertThat(p.alerts())
        .containsExactly(
            Map.of("type", "consecutive_failures", "threshold", 3L, "channels", List.of("slack")));
    assertThat(p.quality()).containsEntry("min_score", 0.9).containsKey("rules");
    assertThat(p.after()).containsExactly("reddit-auth", "reddit-users");
    assertThat(p.secrets()).isEmpty();
  }

  @Test
  void absentSectionsTakeTheirDefaults() throws IOException {
    Path file =
        write("p.yaml", "name: my-pipe\nsource: {connector: file, config: {path: a.jsonl}}\n");

    PipelineConfig p = loader.load(file);

    assertThat(p.store())
        .isEqualTo(new StoreConfig("duckdb", TableRef.sanitize("my-pipe"), 10_000, 1_000));
    assertThat(p.store().schema()).isEqualTo("my_pipe");
    assertThat(p.schedule()).isNull();
    assertThat(p.process()).isEmpty();
    assertThat(p.source().streams()).isEmpty();
    assertThat(p.alerts()).isEmpty();
    assertThat(p.quality()).isEmpty();
    assertThat(p.after()).isEmpty();
    assertThat(p.exports()).isEmpty();
    assertThat(p.baseDir()).isEqualTo(dir.toAbsolutePath());
  }

  @Test
  void exportsResolveAgainstThePipelineFileAndDefaultToCsv() throws IOException {
    Path file =
        write(
            "p.yaml",
            """
            name: p
            source: {connector: file, config: {path: a.jsonl}}
            exports:
              - {stream: posts, path: out/posts.csv}
              - {stream: posts, format: parquet, path: /tmp/posts.parquet}
            """);

    assertThat(loader.load(file).exports())
        .containsExactly(
            new ExportConfig("posts", "csv", dir.toAbsolutePath().resolve("out/posts.csv")),
            new ExportConfig("posts", "parquet", Path.of("/tmp/posts.parquet")));
  }

  @Test
  void anExportWithAnUnknownFormatOrNoPathIsReportedAtItsLine() throws IOException {
    Path file =
        write(
            "p.yaml",
            """
            name: p
            source: {connector: file, config: {path: a.jsonl}}
            exports:
              - {stream: posts, format: xlsx, path: out/posts.xlsx}
              - {stream: posts}
            """);

    assertThatThrownBy(() -> loader.load(file))
        .hasMessageContaining("p.yaml:4:")
        .hasMessageContaining("exports[0].format")
        .hasMessageContaining("p.yaml:5:")
        .hasMessageContaining("exports[1]");
  }

  @Test
  void scheduleDefaultsToUtcAndRunOnce() throws IOException {
    Path file =
        write(
            "p.yaml",
            "name: p\nsource: {connector: file, config: {path: a}}\nschedule: {every: 15m}\n");

    assertThat(loader.load(file).schedule())
        .isEqualTo(new ScheduleConfig(null, "15m", null, "UTC", "run_once"));
  }

  @Test
  void anchorsAliasesAndMergeKeysAreExpanded() {
    PipelineConfig p = loader.load(PIPELINES.resolve("valid/anchors.yaml"));

    assertThat(p.process()).hasSize(3);
    assertThat(p.process().get(0).config()).isEqualTo(Map.of("field", "score", "min", 0L));
    assertThat(p.process().get(1).config())
        .isEqualTo(Map.of("field", "rank", "min", 0L, "max", 100L));
    assertThat(p.process().get(2).config()).isEqualTo(Map.of("key", List.of("items", "users")));
    assertThat(p.source().streams())
        .extracting(StreamSelection::name)
        .containsExactly("items", "users");
  }

  @Test
  void scalarsAreTypedByYaml12AndTakenAsWrittenWhereAStringIsExpected() throws IOException {
    Path file =
        write(
            "p.yaml",
            """
            name: typing
            source:
              connector: file
              config:
                path: 2024-01-01
                api_key: 0123
                primary_key: [1, on, 2.50]
                follow: false
            quality:
              norway: no
              date: 2024-01-01
              octal: 0o17
              hex: 0x1F
              float: 1.5e3
              nothing: ~
              big: 123456789012345678901234567890
            """);

    PipelineConfig p = loader.load(file);

    assertThat(p.source().config())
        .containsEntry("path", "2024-01-01")
        .containsEntry("api_key", "0123")
        .containsEntry("primary_key", List.of("1", "on", "2.50"))
        .containsEntry("follow", false);
    assertThat(p.quality())
        .containsEntry("norway", "no")
        .containsEntry("date", "2024-01-01")
        .containsEntry("octal", 15L)
        .containsEntry("hex", 31L)
        .containsEntry("float", 1500.0)
        .containsEntry("nothing", null)
        .containsEntry("big", new java.math.BigInteger("123456789012345678901234567890"));
  }

  @Test
  void booleanFieldGivenYesSaysToWriteTrueOrFalse() throws IOException {
    Path file =
        write("p.yaml", "name: p\nsource: {connector: file, config: {path: a, follow: yes}}\n");

    assertThat(loader.validate(file))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo(file + ":2:53");
              assertThat(p.path()).isEqualTo("source.config.follow");
              assertThat(p.message()).contains("must be true or false");
            });
  }

  @Test
  void missingFileIsOneProblemNamingThePathAsGiven() {
    Path file = Path.of("no/such/pipeline.yaml");

    List<ConfigProblem> problems = loader.validate(file);

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo("no/such/pipeline.yaml");
              assertThat(p.message()).contains("'no/such/pipeline.yaml' does not exist");
            });
    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no/such/pipeline.yaml");
  }

  @Test
  void directoryIsNotAPipelineFile() {
    assertThat(loader.validate(dir))
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .contains("is a directory");
  }

  @Test
  void oversizedFileIsRefusedWithoutParsing() throws IOException {
    Path file = write("huge.yaml", "# " + "x".repeat(1 << 20) + "\nname: p\n");

    assertThat(loader.validate(file))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo(file.toString());
              assertThat(p.message()).contains("is larger than 1 MiB");
            });
  }

  @Test
  void fileThatIsNotUtf8IsReported() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(loader.validate(file))
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .contains("is not UTF-8");
  }

  @Test
  void duplicateKeysAreReportedAtTheSecondOccurrence() throws IOException {
    Path file =
        write("p.yaml", "name: a\nsource:\n  connector: file\n  config: {path: a, path: b}\n");

    assertThat(loader.validate(file))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo(file + ":4:21");
              assertThat(p.path()).isEqualTo("source.config.path");
              assertThat(p.message())
                  .isEqualTo(
                      "duplicate key 'path' (first written at line 4); keep only one of them");
            });
  }

  @Test
  void yamlSyntaxErrorIsLocated() throws IOException {
    Path file = write("p.yaml", "name: a\nsource:\n  connector: [file\n");

    assertThat(loader.validate(file))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).startsWith(file + ":4:");
              assertThat(p.message()).startsWith("YAML syntax error: ");
            });
  }

  @Test
  void tabIndentationIsASyntaxErrorAtTheTab() throws IOException {
    Path file = write("p.yaml", "name: a\nsource:\n\tconnector: file\n");

    assertThat(loader.validate(file))
        .singleElement()
        .satisfies(p -> assertThat(p.location()).isEqualTo(file + ":3:1"));
  }

  @Test
  void didYouMeanIsOfferedForKeysConnectorsProcessorsAndValues() throws IOException {
    Path file =
        write(
            "p.yaml",
            """
            name: p
            source:
              connector: htp
              confg: {}
            process:
              - type: dedupe
                kee: [id]
            schedule:
              every: 1h
              catchup: skip
            """);

    assertThat(loader.validate(file))
        .extracting(ConfigProblem::path, ConfigProblem::message)
        .containsExactly(
            tuple(
                "source.connector",
                "unknown connector 'htp' (did you mean 'http'?); available: file, http"),
            tuple(
                "source.confg",
                "unknown key 'confg' (did you mean 'config'?); expected one of: connector, config,"
                    + " manifests, streams"),
            tuple(
                "process[0].type",
                "unknown processor 'dedupe' (did you mean 'dedup'?); available: dedup, range"),
            tuple(
                "schedule.catchup",
                "unknown key 'catchup' (did you mean 'catch_up'?); expected one of: cron, every,"
                    + " at, timezone, catch_up"));
  }

  @Test
  void unknownKeyFarFromEveryKnownOneGetsNoSuggestion() throws IOException {
    Path file =
        write("p.yaml", "name: p\nsource: {connector: file, config: {path: a, colour: red}}\n");

    assertThat(loader.validate(file))
        .singleElement()
        .extracting(ConfigProblem::message)
        .isEqualTo(
            "unknown key 'colour'; expected one of: path, format, api_key, primary_key,"
                + " max_records, follow");
  }

  @Test
  void processorConfigIsValidatedWithItsSpecIncludingNestedLocations() throws IOException {
    Path file =
        write(
            "p.yaml",
            """
            name: p
            source: {connector: file, config: {path: a}}
            process:
              - type: dedup
                key: [id]
              - type: range
                field: [not, a, string]
                min: 1
                max: ten
            """);

    assertThat(loader.validate(file))
        .extracting(ConfigProblem::location, ConfigProblem::path)
        .containsExactly(
            tuple(file + ":7:12", "process[1].field"), tuple(file + ":9:10", "process[1].max"));
  }

  @Test
  void billionLaughsIsRefusedQuicklyWithALocatedProblem() {
    Path file = PIPELINES.resolve("invalid/billion-laughs.yaml");

    List<ConfigProblem> problems =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> loader.validate(file));

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo(file + ":2:10");
              assertThat(p.message()).contains("aliases expand to more than 100000 values");
            });
  }

  @Test
  void recursiveAliasIsRefused() throws IOException {
    Path file =
        write("p.yaml", "name: p\nsource: {connector: file, config: {path: a}}\nx-loop: &l [*l]\n");

    assertThat(loader.validate(file))
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .contains("remove the recursive alias");
  }

  @Test
  void textCanBeValidatedWithoutAFile() {
    List<ConfigProblem> problems =
        loader.validate("request", "name: p\nsource: {connector: file, config: {}}\n");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo("request:2:27");
              assertThat(p.path()).isEqualTo("source.config.path");
              assertThat(p.message())
                  .isEqualTo("'path' is required by connector 'file'; add it under source.config");
            });
  }

  @Test
  void connectorRequirementsApplyWhenItsConfigIsAbsent() throws IOException {
    Path file = write("p.yaml", "name: p\nsource:\n  connector: http\n");

    assertThat(loader.validate(file))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo(file + ":2:1");
              assertThat(p.path()).isEqualTo("source.config.base_url");
              assertThat(p.message())
                  .isEqualTo(
                      "'base_url' is required by connector 'http'; add it under source.config");
            });
  }

  @Test
  void storeTypePostgresIsRefusedWithWhatToDoInstead() throws IOException {
    Path file =
        write(
            "p.yaml",
            "name: p\nsource: {connector: file, config: {path: a}}\nstore: {type: postgres}\n");

    assertThat(loader.validate(file))
        .singleElement()
        .extracting(ConfigProblem::message)
        .isEqualTo(
            "store type 'postgres' is not available yet; use 'duckdb' (PostgreSQL support is planned)");
  }

  @Test
  void loadedValuesCannotBeModified() {
    PipelineConfig p = loader.load(PIPELINES.resolve("valid/full.yaml"));

    assertThatThrownBy(() -> p.source().config().put("path", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.quality().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.alerts().get(0).put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void manifestPathsNamedInTheSourceAreReadBeforeCheckingAndBoundAbsolute() throws IOException {
    Files.createDirectories(dir.resolve("pipelines"));
    Files.writeString(dir.resolve("pipelines/.env"), "SHARED=../shared\n");
    Path file =
        Files.writeString(
            dir.resolve("pipelines/p.yaml"),
            """
            name: p
            source:
              connector: file
              manifests: ["${SHARED}/apis", one.yaml]
              config: {path: x.jsonl}
            """);
    List<Path> expected = List.of(dir.resolve("shared/apis"), dir.resolve("pipelines/one.yaml"));

    assertThat(PipelineLoader.declaredManifests(file, Map.of())).isEqualTo(expected);
    PipelineConfig p = loader.load(file);
    assertThat(p.source().manifests()).isEqualTo(expected);

    Path single =
        write(
            "single.yaml",
            "name: s\nsource:\n  connector: file\n  manifests: apis\n  config: {path: x}\n");
    assertThat(PipelineLoader.declaredManifests(single, Map.of()))
        .containsExactly(dir.resolve("apis"));
    assertThat(loader.load(single).source().manifests()).containsExactly(dir.resolve("apis"));
  }

  @Test
  void aPipelineWithoutManifestsOrABrokenOneNamesNone() throws IOException {
    Path plain = write("plain.yaml", "name: p\nsource:\n  connector: file\n  config: {path: x}\n");
    assertThat(PipelineLoader.declaredManifests(plain, Map.of())).isEmpty();
    assertThat(loader.load(plain).source().manifests()).isEmpty();
    Path broken = write("broken.yaml", "name: p\nsource: [manifests\n");
    assertThat(PipelineLoader.declaredManifests(broken, Map.of())).isEmpty();
    assertThat(PipelineLoader.declaredManifests(dir.resolve("missing.yaml"), Map.of())).isEmpty();
  }

  @Test
  void manifestsMustBeStrings() throws IOException {
    Path file =
        write(
            "bad.yaml",
            "name: p\nsource:\n  connector: file\n  manifests: {a: 1}\n  config: {path: x}\n");
    assertThat(loader.validate(file))
        .extracting(ConfigProblem::path)
        .containsExactly("source.manifests");
  }
}
