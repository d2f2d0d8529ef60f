package io.tributary.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tributary.http.testing.Harness.local;
import static io.tributary.http.testing.Pages.data;
import static io.tributary.http.testing.Pages.items;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tributary.http.testing.Harness;
import io.tributary.http.testing.Pages;
import io.tributary.spi.PermanentException;
import io.tributary.spi.Record;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PaginationIT {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static String manifest(String pagination) {
    return """
        name: demo
        description: Demo API
        base_url: https://api.example.com
        streams:
          - name: items
            primary_key: id
            request:
              path: /items
            records:
              path: /data
            pagination:
        %s
        """
        .formatted(pagination.indent(6));
  }

  private static List<Object> ids(Harness.Result r) {
    return r.records().stream().map(rec -> rec.get("id")).toList();
  }

  @Test
  void pageNumberPaginationStopsAtTheFirstShortPage() {
    for (int p = 1; p <= 3; p++) {
      int from = (p - 1) * 2;
      wm.stubFor(
          get(urlPathEqualTo("/items"))
              .withQueryParam("page", equalTo(Integer.toString(p)))
              .withQueryParam("per_page", equalTo("2"))
              .willReturn(okJson(data(items(from, Math.min(from + 2, 5))))));
    }
    Harness h =
        Harness.of(manifest("{type: page_number, param: page, size_param: per_page, size: '2'}"));

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(ids(r)).containsExactly(0L, 1L, 2L, 3L, 4L);
    wm.verify(3, getRequestedFor(urlPathEqualTo("/items")));
    assertThat(r.records().get(0).origin()).contains("/items").doesNotContain("?");
  }

  @Test
  void offsetPaginationAdvancesByTheRecordsReceived() {
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("offset", equalTo("0"))
            .withQueryParam("limit", equalTo("3"))
            .willReturn(okJson(data(items(0, 3)))));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("offset", equalTo("3"))
            .willReturn(okJson(data(items(3, 6)))));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("offset", equalTo("6"))
            .willReturn(okJson(data(items(6, 7)))));
    Harness h = Harness.of(manifest("{type: offset, limit: '3'}"));

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(ids(r)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void cursorPaginationSendsTheBodyTokenBackUntilItIsNull() {
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("after", absent())
            .willReturn(okJson(data(items(0, 2), "next", "tok-A"))));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("after", equalTo("tok-A"))
            .willReturn(okJson(data(items(2, 4), "next", "tok-B"))));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("after", equalTo("tok-B"))
            .willReturn(okJson(data(items(4, 5), "next", null))));
    Harness h = Harness.of(manifest("{type: cursor, token_pointer: /next, param: after}"));

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(ids(r)).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void nextUrlFromTheBodyIsFollowedAndRebasedOntoTheConfiguredBaseUrl() {
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", absent())
            .willReturn(okJson(data(items(0, 2), "next", "https://api.example.com/items?page=2"))));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson(data(items(2, 4), "next", "/items?page=3"))));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", equalTo("3"))
            .willReturn(okJson(data(items(4, 5)))));
    Harness h = Harness.of(manifest("{type: next_url, pointer: /next}"));

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(ids(r)).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void linkHeaderRelNextIsFollowedUntilAbsent() {
    String base = wm.baseUrl();
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", absent())
            .willReturn(
                okJson(data(items(0, 2)))
                    .withHeader(
                        "Link",
                        "<"
                            + base
                            + "/items?page=2>; rel=\"next\", <"
                            + base
                            + "/items?page=2>; rel=\"last\"")));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(
                okJson(data(items(2, 3)))
                    .withHeader("Link", "<" + base + "/items?page=1>; rel=\"first\"")));
    Harness h = Harness.of(manifest("{type: link_header}"));

    Harness.Result r = h.read("items", local(base), Map.of()).orThrow();

    assertThat(ids(r)).containsExactly(0L, 1L, 2L);
  }

  @Test
  void aTokenSeenTwiceIsReportedAsAPaginationLoop() {
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("after", absent())
            .willReturn(okJson(data(items(0, 2), "next", "same"))));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("after", equalTo("same"))
            .willReturn(okJson(data(items(2, 4), "next", "same"))));
    Harness h = Harness.of(manifest("{type: cursor, token_pointer: /next, param: after}"));

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("pagination loop")
        .hasMessageContaining("'same' came back a second time");
    assertThat(ids(r)).containsExactly(0L, 1L, 2L, 3L);
    wm.verify(2, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void aServerIgnoringThePageParameterIsReportedAsALoop() {
    wm.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson(data(items(0, 2)))));
    Harness h = Harness.of(manifest("{type: page_number, size: '2'}"));

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("the same records for two pages in a row");
    wm.verify(2, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void theMaxPagesGuardStopsRunawayPaginationWithAClearError() {
    for (int p = 1; p <= 4; p++) {
      wm.stubFor(
          get(urlPathEqualTo("/items"))
              .withQueryParam("page", equalTo(Integer.toString(p)))
              .willReturn(okJson(data(items(p * 10, p * 10 + 2)))));
    }
    Harness h = Harness.of(manifest("{type: page_number, max_pages: 3}"));

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("still has more pages after 3 (pagination.max_pages)");
    assertThat(r.records()).hasSize(6);
    wm.verify(3, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void aHasMoreFlagSetToFalseEndsPagination() {
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", equalTo("1"))
            .willReturn(okJson(data(items(0, 2), "has_more", true))));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson(data(items(2, 4), "has_more", false))));
    Harness h = Harness.of(manifest("{type: page_number, has_more_pointer: /has_more}"));

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(ids(r)).containsExactly(0L, 1L, 2L, 3L);
    wm.verify(2, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void maxPagesInThePipelineConfigReadsASampleWithoutFailing() {
    for (int p = 1; p <= 3; p++) {
      wm.stubFor(
          get(urlPathEqualTo("/items"))
              .withQueryParam("page", equalTo(Integer.toString(p)))
              .willReturn(okJson(data(items(p * 10, p * 10 + 2)))));
    }
    Harness h = Harness.of(manifest("{type: page_number}"));

    Harness.Result r = h.read("items", local(wm.baseUrl(), "max_pages", 2L), Map.of()).orThrow();

    assertThat(r.records()).extracting(Record::stream).containsOnly("items");
    assertThat(ids(r)).containsExactly(10L, 11L, 20L, 21L);
  }

  @Test
  void jsonPathSelectorsPickNestedRecords() {
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(
                okJson(
                    Pages.json(
                        Map.of(
                            "data",
                            Map.of(
                                "children",
                                List.of(
                                    Map.of("kind", "t3", "data", Map.of("id", "a")),
                                    Map.of("kind", "t3", "data", Map.of("id", "b")))))))));
    Harness h =
        Harness.of(
            """
            name: demo
            description: Demo API
            base_url: https://api.example.com
            streams:
              - name: items
                request: {path: /items}
                records: {path: "$.data.children[*].data"}
            """);

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(ids(r)).containsExactly("a", "b");
  }

  @Test
  void respondsWithOnePagePerRequestWhenNoPaginationIsDeclared() {
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(aResponse().withStatus(200).withBody(data(items(0, 3)))));
    Harness h = Harness.of(manifest("{type: none}"));

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(r.records()).hasSize(3);
    wm.verify(1, getRequestedFor(urlPathEqualTo("/items")));
  }
}
