package io.tributary.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tributary.http.testing.Harness.local;
import static io.tributary.http.testing.Pages.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tributary.http.testing.Harness;
import io.tributary.spi.PermanentException;
import io.tributary.spi.Record;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PartitionsIT {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static final String QUOTES =
      """
      name: quotes
      description: Quotes per symbol
      base_url: https://api.example.com
      config:
        symbols: {type: string_list, required: true}
      limits: {max_concurrency: 2}
      streams:
        - name: quotes
          primary_key: [symbol, t]
          request: {path: "/quotes/{{ partition.symbol }}"}
          records: {path: /data}
          partitions: {symbol: "{{ config.symbols }}"}
          incremental: {cursor_field: t, order: ascending}
          transforms:
            - add_fields: {symbol: "{{ partition.symbol }}"}
      """;

  private static String quotes(String... ts) {
    return data(java.util.Arrays.stream(ts).map(t -> Map.of("t", t, "price", 1.5)).toList());
  }

  @Test
  void everyPartitionIsReadAndKeepsItsOwnState() {
    wm.stubFor(
        get(urlPathEqualTo("/quotes/AAPL"))
            .willReturn(okJson(quotes("2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"))));
    wm.stubFor(
        get(urlPathEqualTo("/quotes/MSFT")).willReturn(okJson(quotes("2025-01-05T00:00:00Z"))));
    wm.stubFor(
        get(urlPathEqualTo("/quotes/IBM")).willReturn(okJson(quotes("2025-01-03T00:00:00Z"))));
    Harness h = Harness.of(QUOTES);

    Harness.Result r =
        h.read("quotes", local(wm.baseUrl(), "symbols", List.of("AAPL", "MSFT", "IBM")), Map.of())
            .orThrow();

    assertThat(r.records()).hasSize(4);
    assertThat(r.records()).extracting(rec -> rec.get("symbol")).contains("AAPL", "MSFT", "IBM");
    @SuppressWarnings("unchecked")
    Map<String, Object> parts = (Map<String, Object>) r.state().get("partitions");
    assertThat(parts).containsOnlyKeys("symbol=AAPL", "symbol=MSFT", "symbol=IBM");
    assertThat(parts.get("symbol=AAPL").toString()).contains("2025-01-02T00:00:00Z");
    assertThat(parts.get("symbol=MSFT").toString()).contains("2025-01-05T00:00:00Z");
  }

  @Test
  void oneFailingPartitionDoesNotStopTheOthersAndIsNamedInTheError() {
    wm.stubFor(
        get(urlPathEqualTo("/quotes/AAPL")).willReturn(okJson(quotes("2025-01-01T00:00:00Z"))));
    wm.stubFor(
        get(urlPathEqualTo("/quotes/NOPE"))
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"unknown symbol\"}")));
    wm.stubFor(
        get(urlPathEqualTo("/quotes/IBM")).willReturn(okJson(quotes("2025-01-03T00:00:00Z"))));
    Harness h = Harness.of(QUOTES);

    Harness.Result r =
        h.read("quotes", local(wm.baseUrl(), "symbols", List.of("AAPL", "NOPE", "IBM")), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("1 of 3 partitions of stream 'quotes' failed")
        .hasMessageContaining("symbol=NOPE: HTTP 404")
        .hasMessageContaining("unknown symbol");
    assertThat(r.records())
        .extracting(rec -> rec.get("symbol"))
        .containsExactlyInAnyOrder("AAPL", "IBM");
    assertThat(r.state().toString())
        .contains("symbol=AAPL")
        .contains("symbol=IBM")
        .doesNotContain("NOPE");
  }

  @Test
  void aChildStreamReadsOnePartitionPerParentRecord() {
    wm.stubFor(
        get(urlPathEqualTo("/repos"))
            .willReturn(
                okJson(
                    data(
                        List.of(
                            Map.of("id", 1, "full_name", "acme/a"),
                            Map.of("id", 2, "full_name", "acme/b"))))));
    wm.stubFor(
        get(urlPathEqualTo("/repos/acme/a/issues"))
            .willReturn(okJson(data(List.of(Map.of("number", 10), Map.of("number", 11))))));
    wm.stubFor(
        get(urlPathEqualTo("/repos/acme/b/issues"))
            .willReturn(okJson(data(List.of(Map.of("number", 20))))));
    Harness h =
        Harness.of(
            """
            name: forge
            description: Repos and their issues
            base_url: https://api.example.com
            streams:
              - name: repos
                primary_key: id
                request: {path: /repos}
                records: {path: /data}
              - name: issues
                primary_key: [repo, number]
                parent: {stream: repos, field: full_name, as: repo}
                request: {path: "/repos/{{ partition.repo }}/issues"}
                records: {path: /data}
                transforms:
                  - add_fields: {repo: "{{ partition.repo }}", repo_id: "{{ parent.id }}"}
            """);

    Harness.Result r = h.read("issues", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(r.records())
        .extracting(rec -> rec.get("repo") + "#" + rec.get("number") + "@" + rec.get("repo_id"))
        .containsExactlyInAnyOrder("acme/a#10@1", "acme/a#11@1", "acme/b#20@2");
    assertThat(r.records()).extracting(Record::stream).containsOnly("issues");
    wm.verify(1, getRequestedFor(urlPathEqualTo("/repos")));
  }

  @Test
  void aPartitionListThatIsEmptyIsAConfigurationError() {
    Harness h = Harness.of(QUOTES);

    Harness.Result r = h.read("quotes", local(wm.baseUrl(), "symbols", List.of()), Map.of());

    assertThat(r.error())
        .isInstanceOf(io.tributary.spi.ConfigException.class)
        .hasMessageContaining("partition 'symbol'")
        .hasMessageContaining("config.symbols");
  }
}
