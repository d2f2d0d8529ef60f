package io.tributary.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.spi.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ${VAR}} interpolation from the environment and {@code .env}. The {@code .env} files are
 * written by the tests because the repository ignores files named {@code .env}.
 */
class InterpolationTest {
  @TempDir Path dir;

  private Path pipeline(String config) throws IOException {
    return Files.writeString(
        dir.resolve("p.yaml"),
        "name: p\nsource:\n  connector: file\n  config:\n" + config.indent(4));
  }

  private static PipelineLoader loader(Map<String, String> env) {
    return new PipelineLoader(TestPlugins.plugins(), env);
  }

  @Test
  void variablesAreReplacedAndDefaultsUsedWhenUnsetOrEmpty() throws IOException {
    Path file =
        pipeline(
            """
            path: ${DATA}/${SUB:-in}/*.${EXT:-jsonl}
            format: ${FORMAT:-csv}
            """);

    Map<String, Object> config =
        loader(Map.of("DATA", "/srv/data", "FORMAT", "")).load(file).source().config();

    assertThat(config).containsEntry("path", "/srv/data/in/*.jsonl").containsEntry("format", "csv");
  }

  @Test
  void dollarDollarBraceWritesALiteralReference() throws IOException {
    Path file = pipeline("path: \"$${HOME}/a-$$-${X:-x}$\"");

    assertThat(loader(Map.of("HOME", "/root")).load(file).source().config())
        .containsEntry("path", "${HOME}/a-$$-x$");
  }

  @Test
  void dotEnvNextToThePipelineSuppliesVariables() throws IOException {
    Files.writeString(
        dir.resolve(".env"),
        """
        # data location
        export DATA_DIR=/data/in   # trailing comment
        FORMAT="json"
        SINGLE='a #literal $value'
        ESCAPED="line\\nnext"

        EMPTY=
        """);
    Path file =
        pipeline(
            """
            path: ${DATA_DIR}/${SINGLE}/${EMPTY:-none}
            format: ${FORMAT}
            api_key: ${ESCAPED}
            """);

    PipelineConfig p = loader(Map.of()).load(file);

    assertThat(p.source().config())
        .containsEntry("path", "/data/in/a #literal $value/none")
        .containsEntry("format", "json")
        .containsEntry("api_key", "line\nnext");
  }

  @Test
  void givenEnvironmentWinsOverDotEnv() throws IOException {
    Files.writeString(dir.resolve(".env"), "FORMAT=csv\nDATA=from-dotenv\n");
    Path file = pipeline("path: ${DATA}\nformat: ${FORMAT}");

    Map<String, Object> config = loader(Map.of("FORMAT", "json")).load(file).source().config();

    assertThat(config).containsEntry("format", "json").containsEntry("path", "from-dotenv");
  }

  @Test
  void unsetVariableWithoutDefaultIsLocatedAtItsScalar() throws IOException {
    Path file = pipeline("path: data/*.jsonl\nformat: \"${REDDIT_FORMAT}\"");

    assertThat(loader(Map.of()).validate(file))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo(file + ":6:13");
              assertThat(p.path()).isEqualTo("source.config.format");
              assertThat(p.value()).isEqualTo("${REDDIT_FORMAT}");
              assertThat(p.message())
                  .isEqualTo(
                      "environment variable REDDIT_FORMAT is not set; define it, put it in .env,"
                          + " or write ${REDDIT_FORMAT:-default}");
            });
  }

  @Test
  void everyUnsetVariableIsReported() throws IOException {
    Path file = pipeline("path: ${A}/${B}\nformat: ${C}");

    assertThat(loader(Map.of()).validate(file))
        .extracting(ConfigProblem::location, ConfigProblem::message)
        .containsExactly(
            tuple(
                file + ":5:11",
                "environment variable A is not set; define it, put it in .env, or write ${A:-default}"),
            tuple(
                file + ":5:11",
                "environment variable B is not set; define it, put it in .env, or write ${B:-default}"),
            tuple(
                file + ":6:13",
                "environment variable C is not set; define it, put it in .env, or write ${C:-default}"));
  }

  @Test
  void malformedReferencesAreReported() throws IOException {
    Path file = pipeline("path: ${not valid}\nformat: ${UNCLOSED");

    assertThat(loader(Map.of()).validate(file))
        .extracting(ConfigProblem::path, ConfigProblem::message)
        .containsExactly(
            tuple(
                "source.config.path",
                "'${not valid}' is not a valid reference; write ${NAME} or ${NAME:-default} (NAME"
                    + " of letters, digits and '_'), or $${ for a literal ${"),
            tuple(
                "source.config.format",
                "'${' is not closed; write ${NAME} or ${NAME:-default}, or $${ for a literal ${"));
  }

  @Test
  void unquotedReferenceIsTypedAfterInterpolationAndQuotedOneStaysAString() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("p.yaml"),
            """
            name: p
            source:
              connector: file
              config:
                path: a
                max_records: ${MAX:-25}
            store:
              batch_size: ${BATCH}
              flush_ms: "${FLUSH:-10}"
            """);

    PipelineLoader loader = loader(Map.of("BATCH", "500"));

    assertThat(loader.validate(file))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("store.flush_ms");
              assertThat(p.message()).isEqualTo("'flush_ms' must be an integer but was a string");
            });
    Files.writeString(file, Files.readString(file).replace("\"${FLUSH:-10}\"", "${FLUSH:-10}"));
    PipelineConfig p = loader.load(file);
    assertThat(p.store().batchSize()).isEqualTo(500);
    assertThat(p.store().flushMillis()).isEqualTo(10);
    assertThat(p.source().config()).containsEntry("max_records", 25L);
  }

  @Test
  void unquotedReferenceInsideAFlowCollectionSaysToQuoteIt() throws IOException {
    Path file = pipeline("path: a\nprimary_key: [id, ${KEY}]");

    assertThat(loader(Map.of("KEY", "k")).validate(file))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo(file + ":6:23");
              assertThat(p.message())
                  .endsWith(
                      "inside [ ] or { } a ${VAR} reference must be quoted, e.g. [\"${VAR}\"], or"
                          + " written on its own line");
            });
  }

  @Test
  void keysAreNotInterpolated() throws IOException {
    Path file = pipeline("path: a\n${KEY}: b");

    assertThat(loader(Map.of("KEY", "format")).validate(file))
        .singleElement()
        .extracting(ConfigProblem::path)
        .isEqualTo("source.config[\"${KEY}\"]");
  }

  @Test
  void malformedDotEnvLinesAreLocatedInTheDotEnvFile() throws IOException {
    Files.writeString(
        dir.resolve(".env"), "GOOD=1\nthis line has no equals\n9BAD=x\nQUOTE=\"open\nLAST=ok\n");
    Path file = pipeline("path: ${GOOD}-${LAST}");
    String env = dir.resolve(".env").toString();

    assertThat(loader(Map.of()).validate(file))
        .extracting(ConfigProblem::location, ConfigProblem::message)
        .containsExactly(
            tuple(env + ":2:1", "expected KEY=VALUE; write the line as NAME=value"),
            tuple(
                env + ":3:1",
                "'9BAD' is not a valid variable name; use letters, digits and '_', not starting"
                    + " with a digit"),
            tuple(
                env + ":4:7",
                "unterminated or trailing text after a double-quoted value; close the quote and"
                    + " put nothing but a # comment after it"));
  }
}
