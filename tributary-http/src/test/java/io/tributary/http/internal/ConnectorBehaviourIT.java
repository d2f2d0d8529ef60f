package io.tributary.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tributary.http.testing.Harness.local;
import static io.tributary.http.testing.Pages.data;
import static io.tributary.http.testing.Pages.items;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.tributary.http.testing.CollectingEmitter;
import io.tributary.http.testing.Harness;
import io.tributary.spi.CancelledException;
import io.tributary.spi.CheckResult;
import io.tributary.spi.Connector;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectorBehaviourIT {
  static final AtomicInteger inFlight = new AtomicInteger();
  static final AtomicInteger maxInFlight = new AtomicInteger();

  /** Counts requests the server is working on at the same time. */
  public static final class Concurrency implements ServeEventListener {
    @Override
    public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    @Override
    public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
      inFlight.decrementAndGet();
    }

    @Override
    public String getName() {
      return "concurrency";
    }
  }

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(
              wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new Concurrency()))
          .build();

  @BeforeEach
  void resetCounters() {
    inFlight.set(0);
    maxInFlight.set(0);
  }

  private static Harness harness(String extra) {
    return Harness.of(
        """
        name: demo
        description: Demo API
        base_url: https://api.example.com
        %s
        streams:
          - name: items
            primary_key: id
            request: {path: /items}
            records: {path: /data}
            pagination: {type: page_number}
          - name: per_shop
            primary_key: id
            partitions: {shop: [a, b, c, d, e, f]}
            request: {path: "/shops/{{ partition.shop }}"}
            records: {path: /data}
        """
            .formatted(extra));
  }

  @Test
  void partitionsAreFetchedInParallelButNeverMoreThanTheBulkheadAllows() {
    wm.stubFor(
        get(urlPathMatching("/shops/.*"))
            .willReturn(okJson(data(items(0, 1))).withFixedDelay(400)));
    Harness h = harness("limits: {max_concurrency: 2}");

    Harness.Result r = h.read("per_shop", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(r.records()).hasSize(6);
    assertThat(maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void checkFetchesTheFirstPageAndReportsFailuresWithoutThrowing() {
    wm.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson(data(items(0, 1)))));
    Harness h = harness("");

    CheckResult ok;
    CheckResult failed;
    try (Connector c = h.provider.create(h.context())) {
      ok = c.check(h.config(local(wm.baseUrl())));
      failed = c.check(h.config(Map.of("base_url", wm.baseUrl())));
    }

    assertThat(ok.ok()).isTrue();
    assertThat(ok.message()).contains("fetched the first page of stream 'items'");
    assertThat(failed.ok()).isFalse();
    assertThat(failed.message()).contains("refusing to connect to 127.0.0.1");
    wm.verify(1, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void discoverListsStreamsWithKeysAndCursors() {
    Harness h =
        Harness.of(
            """
            name: demo
            description: Demo API
            base_url: https://api.example.com
            streams:
              - name: events
                primary_key: [shop, id]
                schema: {type: object, properties: {id: {type: integer}}}
                request: {path: /events}
                incremental: {cursor_field: updated_at}
            """);

    List<StreamSpec> specs;
    try (Connector c = h.provider.create(h.context())) {
      specs = c.discover(h.config(Map.of()));
    }

    assertThat(specs)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("events");
              assertThat(s.primaryKey()).containsExactly("shop", "id");
              assertThat(s.cursorField()).isEqualTo(Optional.of("updated_at"));
              assertThat(s.jsonSchema()).containsEntry("type", "object");
            });
  }

  @Test
  void aCancelledRunStopsBeforeTheNextPage() {
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", equalTo("1"))
            .willReturn(okJson(data(items(0, 2)))));
    Harness h = harness("");
    CollectingEmitter emitter =
        new CollectingEmitter() {
          @Override
          public synchronized void emit(Record record) {
            super.emit(record);
            cancel();
          }
        };

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of(), emitter);

    assertThat(r.error()).isInstanceOf(CancelledException.class);
    assertThat(r.records()).hasSize(2);
    wm.verify(1, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void basicAuthAndAnApiKeyHeaderAreSent() {
    wm.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson(data(List.of()))));
    Harness basic =
        harness(
            """
            config:
              user: {required: true}
              password: {secret: true}
            auth: {type: basic, username: "{{ config.user }}", password: "{{ config.password }}"}
            """);
    Harness key =
        harness(
            """
            config:
              key: {secret: true}
            auth: {type: api_key, name: X-Api-Key, value: "{{ config.key }}"}
            """);

    basic
        .read("items", local(wm.baseUrl(), "user", "ann", "password", "pw-1234"), Map.of())
        .orThrow();
    key.read("items", local(wm.baseUrl(), "key", "k-98765"), Map.of()).orThrow();

    wm.verify(
        getRequestedFor(urlPathEqualTo("/items"))
            .withHeader("Authorization", equalTo("Basic YW5uOnB3LTEyMzQ=")));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/items")).withHeader("X-Api-Key", equalTo("k-98765")));
  }

  @Test
  void theRefreshTokenGrantSendsTheRefreshTokenAndUsesTheAccessToken() {
    wm.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(okJson("{\"token\": {\"value\": \"acc-777\"}, \"ttl\": 120}")));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withHeader("Authorization", equalTo("Bearer acc-777"))
            .withQueryParam("page", equalTo("1"))
            .willReturn(okJson(data(items(0, 1)))));
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson(data(List.of()))));
    Harness h =
        harness(
            """
            config:
              client_id: {required: true}
              refresh_token: {required: true, secret: true}
            auth:
              type: oauth2
              grant_type: refresh_token
              token_url: https://auth.example.com/token
              client_id: "{{ config.client_id }}"
              refresh_token: "{{ config.refresh_token }}"
              client_auth: body
              scopes: [read, history]
              token_pointer: /token/value
              expires_pointer: /ttl
            """);

    Harness.Result r =
        h.read(
                "items",
                local(
                    wm.baseUrl(),
                    "client_id",
                    "cid",
                    "refresh_token",
                    "rt-abc/def",
                    "token_url",
                    wm.baseUrl() + "/token"),
                Map.of())
            .orThrow();

    assertThat(r.records()).hasSize(1);
    wm.verify(
        postRequestedFor(urlPathEqualTo("/token"))
            .withHeader("Authorization", absent())
            .withRequestBody(
                equalTo(
                    "grant_type=refresh_token&refresh_token=rt-abc%2Fdef&scope=read+history&client_id=cid")));
  }

  @Test
  void aRedirectOnTheSameHostIsFollowedWithCredentials() {
    wm.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(aResponse().withStatus(301).withHeader("Location", "/v2/items")));
    wm.stubFor(
        get(urlPathEqualTo("/v2/items"))
            .withHeader("Authorization", equalTo("Bearer t-1234"))
            .willReturn(okJson(data(items(0, 2)))));
    Harness h =
        Harness.of(
            """
            name: demo
            description: Demo API
            base_url: https://api.example.com
            config:
              token: {secret: true}
            auth: {type: bearer, token: "{{ config.token }}"}
            streams:
              - name: items
                request: {path: /items}
                records: {path: /data}
            """);

    Harness.Result r = h.read("items", local(wm.baseUrl(), "token", "t-1234"), Map.of()).orThrow();

    assertThat(r.records()).hasSize(2);
  }

  @Test
  void aNoDataRuleEndsThePartitionQuietly() {
    wm.stubFor(get(urlPathEqualTo("/items")).willReturn(aResponse().withStatus(404)));
    Harness h = harness("errors: [{status: 404, action: ignore}]");

    Harness.Result r = h.read("items", local(wm.baseUrl()), Map.of()).orThrow();

    assertThat(r.records()).isEmpty();
  }

  @Test
  void aPostRequestSendsItsTemplatedJsonBody() {
    wm.stubFor(
        post(urlPathEqualTo("/search"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
                    "{\"query\": \"rust\", \"filters\": {\"shop\": \"berlin\", \"tags\": [\"a\", \"b\"]}, \"limit\": 50}"))
            .willReturn(okJson(data(items(0, 2)))));
    Harness h =
        Harness.of(
            """
            name: demo
            description: Demo API
            base_url: https://api.example.com
            config:
              q: {required: true}
              tags: {type: string_list}
            streams:
              - name: hits
                partitions: {shop: [berlin]}
                request:
                  method: POST
                  path: /search
                  body:
                    query: "{{ config.q }}"
                    filters: {shop: "{{ partition.shop }}", tags: "{{ config.tags }}"}
                    limit: 50
                records: {path: /data}
            """);

    Harness.Result r =
        h.read("hits", local(wm.baseUrl(), "q", "rust", "tags", List.of("a", "b")), Map.of())
            .orThrow();

    assertThat(r.records()).hasSize(2);
  }
}
