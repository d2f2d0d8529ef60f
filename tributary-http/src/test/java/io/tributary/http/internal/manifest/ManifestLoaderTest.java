package io.tributary.http.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestLoaderTest {

  private static final String VALID =
      """
      name: acme
      description: Acme API
      base_url: https://api.acme.test
      config:
        token: {required: true, secret: true, description: API token}
        symbols: {type: string_list, default: [A]}
      auth: {type: bearer, token: "{{ config.token }}"}
      streams:
        - name: quotes
          primary_key: [symbol, t]
          request:
            path: "/quotes/{{ partition.symbol }}"
            query: {since: "{{ cursor.from }}", limit: 100}
          records: {path: /data}
          partitions: {symbol: "{{ config.symbols }}"}
          pagination: {type: cursor, token_pointer: /next, param: after}
          incremental: {cursor_field: t, lookback: 2h}
      """;

  private static List<ConfigProblem> problems(String yaml) {
    try {
      ManifestLoader.load("connectors/acme.yaml", yaml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected the manifest to be refused");
  }

  @Test
  void aValidManifestLoadsWithDefaultsApplied() {
    Manifest m = ManifestLoader.load("connectors/acme.yaml", VALID);

    assertThat(m.name()).isEqualTo("acme");
    assertThat(m.config())
        .extracting(f -> f.name() + ":" + f.secret())
        .containsExactly("token:true", "symbols:false");
    Manifest.Stream s = m.stream("quotes").orElseThrow();
    assertThat(s.primaryKey()).containsExactly("symbol", "t");
    assertThat(s.pagination().type()).isEqualTo(Manifest.PaginationType.CURSOR);
    assertThat(s.pagination().maxPages()).isEqualTo(Manifest.Pagination.DEFAULT_MAX_PAGES);
    assertThat(s.incremental().lookback()).hasHours(2);
    assertThat(s.incremental().type()).isEqualTo(Manifest.CursorType.DATETIME);
    assertThat(m.retry().maxAttempts()).isEqualTo(6);
    assertThat(m.retry().statuses()).contains(429, 503);
    assertThat(m.limits().maxConcurrency()).isEqualTo(4);
  }

  @Test
  void everyProblemIsReportedWithFileLineAndPath() {
    List<ConfigProblem> ps =
        problems(
            """
            name: Acme
            description: Acme API
            base_url: https://api.acme.test
            retry: {max_attempts: 0, base_delay: soon}
            streams:
              - name: quotes
                request: {path: /q, methd: GET}
                pagination: {type: pages}
            """);

    assertThat(ps)
        .extracting(ConfigProblem::toString)
        .anySatisfy(
            p -> assertThat(p).startsWith("connectors/acme.yaml:1:7: name: must be lower case"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(":4:")
                    .contains("retry.max_attempts: must be >= 1 but was 0"))
        .anySatisfy(
            p -> assertThat(p).contains("retry.base_delay").contains("'soon' is not a duration"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("connectors/acme.yaml:7:")
                    .contains("streams[0].request.methd: unknown key 'methd'")
                    .contains("did you mean 'method'?"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("streams[0].pagination.type")
                    .contains(
                        "must be one of none, page_number, offset, cursor, next_url, link_header")
                    .contains("(was: pages)"));
    assertThat(ps).hasSize(5);
  }

  @Test
  void aTemplateReadingAnUndeclaredConfigKeyIsRefused() {
    List<ConfigProblem> ps = problems(VALID.replace("{{ config.token }}", "{{ config.tokn }}"));

    assertThat(ps)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).startsWith("connectors/acme.yaml:7:");
              assertThat(p.message()).contains("reads config.tokn").contains("declares no 'tokn'");
            });
  }

  @Test
  void aBrokenTemplateIsRefusedWithItsPosition() {
    List<ConfigProblem> ps =
        problems(VALID.replace("/quotes/{{ partition.symbol }}", "/quotes/{{ partition.symbol"));

    assertThat(ps)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("streams[0].request.path");
              assertThat(p.message()).contains("has no closing '}}'");
            });
  }

  @Test
  void anUnknownParentStreamAndMissingRequiredKeysAreReported() {
    List<ConfigProblem> ps =
        problems(
            """
            name: acme
            base_url: https://api.acme.test
            streams:
              - name: child
                parent: {stream: nowhere, field: id, as: pid}
                request: {path: "/x/{{ partition.pid }}"}
            """);

    assertThat(ps)
        .extracting(ConfigProblem::message)
        .anySatisfy(m -> assertThat(m).contains("'description' is required"));
  }

  @Test
  void semanticProblemsNameTheStream() {
    List<ConfigProblem> ps =
        problems(
            """
            name: acme
            description: d
            base_url: https://api.acme.test
            streams:
              - name: child
                parent: {stream: nowhere, field: id, as: pid}
                request: {path: "/x/{{ partition.pid }}"}
              - name: child
                request: {path: /y}
                pagination: {type: cursor, param: after}
            """);

    assertThat(ps)
        .extracting(ConfigProblem::message)
        .anySatisfy(m -> assertThat(m).contains("no stream of this manifest has that name"))
        .anySatisfy(m -> assertThat(m).contains("two streams are named 'child'"))
        .anySatisfy(m -> assertThat(m).contains("cursor pagination needs token_pointer"));
  }

  @Test
  void notYamlIsRefusedWithItsLine() {
    assertThatThrownBy(() -> ManifestLoader.load("bad.yaml", "name: [unclosed\nother: 1\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bad.yaml:")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void aDuplicateKeyIsRefused() {
    List<ConfigProblem> ps = problems(VALID.replace("name: acme\n", "name: acme\nname: other\n"));

    assertThat(ps)
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("written twice"));
  }

  @Test
  void anUnsupportedRecordsPathIsRefusedAtLoadTime() {
    List<ConfigProblem> ps =
        problems(VALID.replace("records: {path: /data}", "records: {path: \"$.data[?(@.x)]\"}"));

    assertThat(ps)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("records.path");
              assertThat(p.message()).contains("filters and slices are not");
            });
  }

  @Test
  void zipArraysDocumentationAndNotesAreLoadedAndZipArraysExcludesOtherShapes() {
    Manifest m =
        ManifestLoader.load(
            "connectors/acme.yaml",
            VALID
                .replace(
                    "base_url: https://api.acme.test",
                    "base_url: https://api.acme.test\n"
                        + "documentation_url: https://docs.acme.test\n"
                        + "notes: The free plan allows 10 calls a day.")
                .replace("records: {path: /data}", "records: {path: /data, zip_arrays: true}"));

    assertThat(m.documentationUrl()).isEqualTo("https://docs.acme.test");
    assertThat(m.notes()).isEqualTo("The free plan allows 10 calls a day.");
    assertThat(m.stream("quotes").orElseThrow().records().zipArrays()).isTrue();
    assertThat(
            problems(
                VALID.replace(
                    "records: {path: /data}",
                    "records: {path: /data, zip_arrays: true, columns: [a, b]}")))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("only one of zip, zip_arrays"));
  }
}
