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
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tributary.http.testing.Harness;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.PermanentException;
import io.tributary.spi.Record;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IncrementalIT {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static Harness harness(String incremental, String pagination) {
    return Harness.of(
        """
        name: demo
        description: Demo API
        base_url: https://api.example.com
        config:
          start_date: {description: first day to read}
        streams:
          - name: events
            primary_key: id
            request:
              path: /events
              query:
                since: "{{ cursor.from }}"
                until: "{{ cursor.to }}"
            records: {path: /data}
            pagination: %s
            incremental: %s
        """
            .formatted(pagination, incremental));
  }

  private static Map<String, Object> event(int id, String updated) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("updated_at", updated);
    return m;
  }

  private static List<Object> ids(Harness.Result r) {
    return r.records().stream().map(rec -> rec.get("id")).toList();
  }

  @Test
  void aReRunReadsOnlyTheRecordsAddedSinceTheStoredCursor() {
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("since", absent())
            .willReturn(
                okJson(
                    data(
                        List.of(
                            event(1, "2025-01-01T10:00:00Z"),
                            event(2, "2025-01-02T10:00:00Z"),
                            event(3, "2025-01-03T10:00:00Z"))))));
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("since", equalTo("2025-01-03T10:00:00Z"))
            .willReturn(
                okJson(
                    data(
                        List.of(
                            event(3, "2025-01-03T10:00:00Z"),
                            event(4, "2025-01-04T10:00:00Z"),
                            event(5, "2025-01-05T10:00:00Z"))))));
    Harness h = harness("{cursor_field: updated_at, order: ascending}", "{type: none}");

    Harness.Result first = h.read("events", local(wm.baseUrl()), Map.of()).orThrow();
    Harness.Result second = h.read("events", local(wm.baseUrl()), first.state()).orThrow();

    assertThat(ids(first)).containsExactly(1L, 2L, 3L);
    assertThat(first.state())
        .isEqualTo(
            Map.of(
                "partitions",
                Map.of("*", Map.of("cursor", "2025-01-03T10:00:00Z", "keys", List.of("3")))));
    assertThat(ids(second)).containsExactly(4L, 5L);
    assertThat(second.state().toString()).contains("2025-01-05T10:00:00Z");
  }

  @Test
  void fiveHundredRecordsSharingOneCursorValueAreNeverSkippedWhenARunStopsHalfway() {
    String same = "2025-02-01T00:00:00Z";
    List<Map<String, Object>> all = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      all.add(event(i, same));
    }
    for (int p = 1; p <= 5; p++) {
      List<Map<String, Object>> page = all.subList((p - 1) * 100, p * 100);
      wm.stubFor(
          get(urlPathEqualTo("/events"))
              .withQueryParam("since", equalTo(same))
              .withQueryParam("page", equalTo(Integer.toString(p)))
              .willReturn(okJson(data(page))));
      if (p <= 2) {
        wm.stubFor(
            get(urlPathEqualTo("/events"))
                .withQueryParam("since", absent())
                .withQueryParam("page", equalTo(Integer.toString(p)))
                .willReturn(okJson(data(page))));
      }
    }
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("since", absent())
            .withQueryParam("page", equalTo("3"))
            .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"bad page\"}")));
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("since", equalTo(same))
            .withQueryParam("page", equalTo("6"))
            .willReturn(okJson(data(List.of()))));
    Harness h =
        harness("{cursor_field: updated_at, order: ascending}", "{type: page_number, size: '100'}");

    Harness.Result first = h.read("events", local(wm.baseUrl()), Map.of());
    Harness.Result second = h.read("events", local(wm.baseUrl()), first.state()).orThrow();

    assertThat(first.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("HTTP 400");
    assertThat(first.records()).hasSize(200);
    assertThat(second.records()).hasSize(300);
    Set<Object> seen = new HashSet<>();
    for (Record r : first.records()) {
      assertThat(seen.add(r.get("id"))).isTrue();
    }
    for (Record r : second.records()) {
      assertThat(seen.add(r.get("id"))).as("id %s emitted twice", r.get("id")).isTrue();
    }
    assertThat(seen).hasSize(500);
  }

  @Test
  void recordsArrivingLaterWithTheBoundaryCursorValueAreReadOnTheNextRun() {
    String same = "2025-02-01T00:00:00Z";
    List<Map<String, Object>> early = new ArrayList<>();
    List<Map<String, Object>> all = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      all.add(event(i, same));
      if (i < 250) {
        early.add(event(i, same));
      }
    }
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("since", absent())
            .willReturn(okJson(data(early))));
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("since", equalTo(same))
            .willReturn(okJson(data(all))));
    Harness h = harness("{cursor_field: updated_at}", "{type: none}");

    Harness.Result first = h.read("events", local(wm.baseUrl()), Map.of()).orThrow();
    Harness.Result second = h.read("events", local(wm.baseUrl()), first.state()).orThrow();
    Harness.Result third = h.read("events", local(wm.baseUrl()), second.state()).orThrow();

    assertThat(first.records()).hasSize(250);
    assertThat(second.records()).hasSize(250);
    assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
    assertThat(third.records()).isEmpty();
  }

  @Test
  void aLookbackReReadsRecentRecordsForLateUpdates() {
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("since", equalTo("2025-01-03T09:00:00Z"))
            .willReturn(
                okJson(
                    data(
                        List.of(
                            event(2, "2025-01-03T09:30:00Z"),
                            event(3, "2025-01-03T10:00:00Z"),
                            event(4, "2025-01-03T11:00:00Z"))))));
    Harness h =
        harness("{cursor_field: updated_at, lookback: 1h, order: ascending}", "{type: none}");
    Map<String, Object> state =
        Map.of(
            "partitions",
            Map.of("*", Map.of("cursor", "2025-01-03T10:00:00Z", "keys", List.of("3"))));

    Harness.Result r = h.read("events", local(wm.baseUrl()), state).orThrow();

    assertThat(ids(r)).containsExactly(2L, 3L, 4L);
    assertThat(r.state().toString()).contains("2025-01-03T11:00:00Z");
  }

  @Test
  void aDescendingStreamStopsPagingAtTheFirstPageOlderThanTheCursor() {
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("page", equalTo("1"))
            .willReturn(
                okJson(
                    data(
                        List.of(
                            event(9, "2025-01-09T00:00:00Z"), event(8, "2025-01-08T00:00:00Z"))))));
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(
                okJson(
                    data(
                        List.of(
                            event(7, "2025-01-07T00:00:00Z"), event(6, "2025-01-06T00:00:00Z"))))));
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("page", equalTo("3"))
            .willReturn(
                okJson(
                    data(
                        List.of(
                            event(5, "2025-01-05T00:00:00Z"), event(4, "2025-01-04T00:00:00Z"))))));
    Harness h =
        Harness.of(
            """
            name: demo
            description: Demo API
            base_url: https://api.example.com
            streams:
              - name: events
                primary_key: id
                request: {path: /events}
                records: {path: /data}
                pagination: {type: page_number}
                incremental: {cursor_field: updated_at, order: descending}
            """);
    Map<String, Object> state =
        Map.of(
            "partitions",
            Map.of("*", Map.of("cursor", "2025-01-07T12:00:00Z", "keys", List.of("x"))));

    Harness.Result r = h.read("events", local(wm.baseUrl()), state).orThrow();

    assertThat(ids(r)).containsExactly(9L, 8L);
    wm.verify(2, getRequestedFor(urlPathEqualTo("/events")));
    assertThat(r.checkpoints()).hasSize(1);
    assertThat(r.state().toString()).contains("2025-01-09T00:00:00Z");
  }

  @Test
  void aBackfillWindowReReadsItsRangeWithoutMovingTheState() {
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("since", equalTo("2025-01-01T00:00:00Z"))
            .withQueryParam("until", equalTo("2025-02-01T00:00:00Z"))
            .willReturn(
                okJson(
                    data(
                        List.of(
                            event(1, "2024-12-31T23:59:59Z"),
                            event(2, "2025-01-15T00:00:00Z"),
                            event(3, "2025-02-01T00:00:00Z"))))));
    Harness h =
        harness("{cursor_field: updated_at, order: ascending}", "{type: none}")
            .window(
                new ConnectorContext.Window(
                    Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z")));
    Map<String, Object> state =
        Map.of(
            "partitions",
            Map.of("*", Map.of("cursor", "2025-06-01T00:00:00Z", "keys", List.of("99"))));

    Harness.Result r = h.read("events", local(wm.baseUrl()), state).orThrow();

    assertThat(ids(r)).containsExactly(2L);
    assertThat(r.checkpoints()).isEmpty();
  }

  @Test
  void theConfiguredStartDateBoundsTheFirstRun() {
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("since", equalTo("2025-01-02T00:00:00Z"))
            .willReturn(
                okJson(
                    data(
                        List.of(
                            event(1, "2025-01-01T00:00:00Z"), event(2, "2025-01-02T08:00:00Z"))))));
    Harness h =
        harness(
            "{cursor_field: updated_at, start: '{{ config.start_date }}', order: ascending}",
            "{type: none}");

    Harness.Result r =
        h.read("events", local(wm.baseUrl(), "start_date", "2025-01-02"), Map.of()).orThrow();

    assertThat(ids(r)).containsExactly(2L);
  }

  @Test
  void aRecordWhoseCursorIsNotADateGoesToTheQuarantineAndTheRestIsRead() {
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .willReturn(
                okJson(data(List.of(event(1, "yesterday"), event(2, "2025-01-02T08:00:00Z"))))));
    Harness h = harness("{cursor_field: updated_at}", "{type: none}");

    Harness.Result r = h.read("events", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(ids(r)).containsExactly(2L);
    assertThat(r.emitter().rejects()).hasSize(1);
    assertThat(r.emitter().rejects().get(0).reason())
        .contains("cursor field 'updated_at' is not a datetime (was: yesterday)");
    assertThat(r.emitter().rejects().get(0).payload()).contains("\"id\":1");
  }

  @Test
  void epochSecondCursorsAreSentInTheDeclaredRequestFormat() {
    wm.stubFor(
        get(urlPathEqualTo("/events"))
            .withQueryParam("since", equalTo("1735725600"))
            .willReturn(okJson(data(List.of(Map.of("id", 7, "updated_at", 1735729200))))));
    Harness h =
        harness(
            "{cursor_field: updated_at, request_format: epoch_seconds, order: ascending}",
            "{type: none}");
    Map<String, Object> state =
        Map.of(
            "partitions",
            Map.of("*", Map.of("cursor", "2025-01-01T10:00:00Z", "keys", List.of("6"))));

    Harness.Result r = h.read("events", local(wm.baseUrl()), state).orThrow();

    assertThat(ids(r)).containsExactly(7L);
    assertThat(r.state().toString()).contains("2025-01-01T11:00:00Z");
  }
}
