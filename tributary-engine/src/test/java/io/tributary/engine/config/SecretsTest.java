package io.tributary.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret values never show up in problems or in the loaded configuration's printed form. */
class SecretsTest {
  private static final String CANARY = "canary-7f3a9c-do-not-print";
  private static final String DOTENV_CANARY = "dotenv-b81e-do-not-print";
  private static final String INLINE_CANARY = "inline-42d0-do-not-print";

  @TempDir Path dir;

  private static String everything(List<ConfigProblem> problems) {
    StringBuilder sb = new StringBuilder();
    for (ConfigProblem p : problems) {
      sb.append(p).append('|').append(p.value()).append('|').append(p.message()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void secretValuesAppearInNoProblemEvenWhenTheyAreTheBadValue() throws IOException {
    Files.writeString(dir.resolve(".env"), "SALT=" + DOTENV_CANARY + "\n");
    Path file =
        Files.writeString(
            dir.resolve("p.yaml"),
            """
            name: p
            source:
              connector: http
              config:
                base_url: ${BASE_URL}
                token: ["${API_TOKEN}"]
            process:
              - type: dedup
                key: [id]
                secret_salt: ["${SALT}"]
              - type: range
                field: x
                min: "${API_TOKEN}"
            """);
    PipelineLoader loader = new PipelineLoader(TestPlugins.plugins(), Map.of("API_TOKEN", CANARY));

    List<ConfigProblem> problems = loader.validate(file);

    assertThat(problems)
        .extracting(ConfigProblem::path)
        .containsExactly(
            "source.config.base_url",
            "source.config.token",
            "process[0].secret_salt",
            "process[1].min");
    assertThat(problems.get(1).value()).isEqualTo(Secret.MASK);
    assertThat(everything(problems)).doesNotContain(CANARY).doesNotContain(DOTENV_CANARY);
    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY, DOTENV_CANARY));
  }

  @Test
  void loadedConfigKeepsSecretsUsableButPrintsThemMasked() throws IOException {
    Files.writeString(dir.resolve(".env"), "SALT='" + DOTENV_CANARY + "'\n");
    Path file =
        Files.writeString(
            dir.resolve("p.yaml"),
            """
            name: p
            source:
              connector: file
              config:
                path: a.jsonl
                api_key: ${FILE_KEY}
            process:
              - type: dedup
                key: id
                secret_salt: ${SALT}
            alerts:
              - type: failures
                webhook: ${SLACK_WEBHOOK_URL}
            """);
    PipelineLoader loader =
        new PipelineLoader(
            TestPlugins.plugins(),
            Map.of(
                "FILE_KEY", CANARY, "SLACK_WEBHOOK_URL", "https://hooks.example/" + INLINE_CANARY));

    PipelineConfig p = loader.load(file);

    assertThat(p.source().config().get("api_key")).isEqualTo(CANARY);
    assertThat(p.process().get(0).config().get("secret_salt")).isEqualTo(DOTENV_CANARY);
    assertThat(p.secrets())
        .containsExactlyInAnyOrder(CANARY, DOTENV_CANARY, "https://hooks.example/" + INLINE_CANARY);
    assertThat(p.source().toString())
        .contains("api_key=" + Secret.MASK)
        .contains("path=a.jsonl")
        .doesNotContain(CANARY);
    assertThat(p.source().config().toString()).doesNotContain(CANARY);
    assertThat(p.process().get(0).toString())
        .contains("secret_salt=" + Secret.MASK)
        .doesNotContain(DOTENV_CANARY);
    assertThat(p.store().toString() + p.schedule() + p.after()).doesNotContain(CANARY);
  }

  @Test
  void inlineSecretWithAWrongTypeIsMasked() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("p.yaml"),
            "name: p\nsource: {connector: file, config: {path: a, api_key: {k: "
                + INLINE_CANARY
                + "}}}\n");

    List<ConfigProblem> problems =
        new PipelineLoader(TestPlugins.plugins(), Map.of()).validate(file);

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("source.config.api_key");
              assertThat(p.value()).isEqualTo(Secret.MASK);
            });
    assertThat(everything(problems)).doesNotContain(INLINE_CANARY);
  }

  @Test
  void secretValueIsScrubbedFromProblemsOfOtherKeys() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("p.yaml"),
            """
            name: p
            source:
              connector: file
              config:
                path: a
                api_key: %s
                format: %s
            """
                .formatted(INLINE_CANARY, INLINE_CANARY));

    List<ConfigProblem> problems =
        new PipelineLoader(TestPlugins.plugins(), Map.of()).validate(file);

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("source.config.format");
              assertThat(p.value()).isEqualTo(Secret.MASK);
            });
    assertThat(everything(problems)).doesNotContain(INLINE_CANARY);
  }
}
