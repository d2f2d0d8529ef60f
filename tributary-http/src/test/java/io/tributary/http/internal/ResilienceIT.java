package io.tributary.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.tributary.http.testing.Harness.local;
import static io.tributary.http.testing.Pages.data;
import static io.tributary.http.testing.Pages.items;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.tributary.http.testing.Harness;
import io.tributary.http.testing.InMemoryQuotaLedger;
import io.tributary.spi.PermanentException;
import io.tributary.spi.RetriableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResilienceIT {
  static WireMockServer server;
  static final List<Instant> arrivals = new ArrayList<>();
  static volatile Supplier<Instant> now = Instant::now;

  @BeforeAll
  static void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.addMockServiceRequestListener(
        (req, resp) -> {
          synchronized (arrivals) {
            arrivals.add(now.get());
          }
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    synchronized (arrivals) {
      arrivals.clear();
    }
  }

  private static List<Instant> arrivals() {
    synchronized (arrivals) {
      return List.copyOf(arrivals);
    }
  }

  private static Harness harness(String extra) {
    Harness h =
        Harness.of(
            """
            name: demo
            description: Demo API
            base_url: https://api.example.com
            %s
            streams:
              - name: items
                primary_key: id
                request:
                  path: /items
                records:
                  path: /data
            """
                .formatted(extra));
    now = h.clock::instant;
    return h;
  }

  private static Map<String, Object> cfg() {
    return local(server.baseUrl());
  }

  @Test
  void retryAfterInSecondsDelaysTheNextRequestAtLeastThatLong() {
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("rl")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("rl")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(data(items(0, 2)))));
    Harness h = harness("");

    Harness.Result r = h.read("items", cfg(), Map.of()).orThrow();

    assertThat(r.records()).hasSize(2);
    List<Instant> at = arrivals();
    assertThat(at).hasSize(2);
    assertThat(Duration.between(at.get(0), at.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsAnHttpDateDelaysTheNextRequestUntilThatDate() {
    Harness h = harness("");
    Instant until = h.clock.instant().plusSeconds(90);
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("rl")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader(
                        "Retry-After",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            until.atOffset(ZoneOffset.UTC))))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("rl")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(data(items(0, 2)))));

    Harness.Result r = h.read("items", cfg(), Map.of()).orThrow();

    assertThat(r.records()).hasSize(2);
    assertThat(arrivals().get(1)).isAfterOrEqualTo(until);
  }

  @Test
  void serviceUnavailableThenOkIsRetriedAndTheRecordsAreWrittenOnce() {
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"try later\"}"))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(data(items(0, 3)))));
    Harness h = harness("");

    Harness.Result r = h.read("items", cfg(), Map.of()).orThrow();

    assertThat(r.records()).extracting(rec -> rec.get("id")).containsExactly(0L, 1L, 2L);
    server.verify(2, getRequestedFor(urlPathEqualTo("/items")));
    assertThat(h.sleeper.sleeps()).hasSize(1);
    assertThat(h.sleeper.sleeps().get(0)).isLessThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void anExpiredTokenIsRefreshedOnceAfterA401() {
    server.stubFor(
        post(urlPathEqualTo("/oauth/token"))
            .inScenario("tokens")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson("{\"access_token\":\"tok-old-1234\",\"expires_in\":3600}"))
            .willSetStateTo("second"));
    server.stubFor(
        post(urlPathEqualTo("/oauth/token"))
            .inScenario("tokens")
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"access_token\":\"tok-new-5678\",\"expires_in\":3600}")));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .withHeader("Authorization", equalTo("Bearer tok-old-1234"))
            .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"token expired\"}")));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .withHeader("Authorization", equalTo("Bearer tok-new-5678"))
            .willReturn(okJson(data(items(0, 2)))));
    Harness h =
        harness(
            """
            config:
              client_id: {required: true}
              client_secret: {required: true, secret: true}
            auth:
              type: oauth2
              token_url: https://auth.example.com/oauth/token
              client_id: "{{ config.client_id }}"
              client_secret: "{{ config.client_secret }}"
            """);
    Map<String, Object> config = cfg();
    config.put("client_id", "my-client");
    config.put("client_secret", "s3cr3t-value");
    config.put("token_url", server.baseUrl() + "/oauth/token");

    Harness.Result r = h.read("items", config, Map.of()).orThrow();

    assertThat(r.records()).hasSize(2);
    server.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
    server.verify(
        postRequestedFor(urlPathEqualTo("/oauth/token"))
            .withHeader("Authorization", equalTo("Basic bXktY2xpZW50OnMzY3IzdC12YWx1ZQ=="))
            .withRequestBody(equalTo("grant_type=client_credentials")));
  }

  @Test
  void aSecond401AfterTheRefreshFailsPermanentlyWithAHint() {
    server.stubFor(
        post(urlPathEqualTo("/oauth/token"))
            .willReturn(okJson("{\"access_token\":\"tok-bad-0000\",\"expires_in\":3600}")));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
    Harness h =
        harness(
            """
            config:
              client_id: {required: true}
            auth:
              type: oauth2
              token_url: https://auth.example.com/oauth/token
              client_id: "{{ config.client_id }}"
            """);
    Map<String, Object> config = cfg();
    config.put("client_id", "my-client");
    config.put("token_url", server.baseUrl() + "/oauth/token");

    Harness.Result r = h.read("items", config, Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("Bad credentials")
        .hasMessageContaining("check the credentials")
        .hasMessageNotContaining("tok-bad-0000");
    server.verify(2, getRequestedFor(urlPathEqualTo("/items")));
    server.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
  }

  @Test
  void aDripFeedingServerHitsTheTotalDeadlineAndReleasesTheThread() {
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(okJson(data(items(0, 50))).withChunkedDribbleDelay(50, 20_000)));
    Harness h = harness("limits: {total_timeout: 1s}\nretry: {max_attempts: 1}");
    long started = System.nanoTime();

    Harness.Result r = h.read("items", cfg(), Map.of());

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(r.error())
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("within 1s (limits.total_timeout)");
    assertThat(took).isLessThan(Duration.ofSeconds(8));
    assertThat(r.records()).isEmpty();
  }

  @Test
  void aServerThatNeverSendsHeadersHitsTheReadDeadline() {
    server.stubFor(
        get(urlPathEqualTo("/items")).willReturn(okJson(data(items(0, 1))).withFixedDelay(10_000)));
    Harness h = harness("limits: {read_timeout: 1s, total_timeout: 30s}\nretry: {max_attempts: 1}");
    long started = System.nanoTime();

    Harness.Result r = h.read("items", cfg(), Map.of());

    assertThat(r.error()).isInstanceOf(RetriableException.class).hasMessageContaining("1s");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void aTruncatedBodyIsRetriedWholeAndItsRecordsAreEmittedOnce() {
    String full = data(items(0, 3));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("cut")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson(full.substring(0, full.length() / 2)))
            .willSetStateTo("broken"));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("cut")
            .whenScenarioStateIs("broken")
            .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("cut")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(full)));
    Harness h = harness("");

    Harness.Result r = h.read("items", cfg(), Map.of()).orThrow();

    assertThat(r.records()).extracting(rec -> rec.get("id")).containsExactly(0L, 1L, 2L);
    server.verify(3, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void aGzipBombIsRefusedWhileInflating() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
      gz.write('[');
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 64; i++) {
        gz.write(spaces);
      }
      gz.write(']');
    }
    assertThat(compressed.size()).isLessThan(200_000);
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(compressed.toByteArray())));
    Harness h = harness("limits: {max_decompressed_bytes: 1048576}");

    Harness.Result r = h.read("items", cfg(), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("limits.max_decompressed_bytes")
        .hasMessageContaining("decompression bomb");
    server.verify(1, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void aBodyLargerThanTheCapIsRefused() {
    byte[] big = new byte[3 << 20];
    new java.util.Random(7).nextBytes(big);
    server.stubFor(
        get(urlPathEqualTo("/items")).willReturn(aResponse().withStatus(200).withBody(big)));
    Harness h = harness("limits: {max_response_bytes: 1048576}");

    Harness.Result r = h.read("items", cfg(), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("limits.max_response_bytes");
  }

  @Test
  void aRedirectToANonAllowlistedLoopbackAddressIsRefused() {
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://127.0.0.2:" + server.port() + "/items")));
    Harness h = harness("");

    Harness.Result r = h.read("items", cfg(), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("refusing to connect to 127.0.0.2 (a loopback address)")
        .hasMessageContaining("allow_private_addresses");
  }

  @Test
  void theSsrfGuardRefusesLoopbackUnlessAllowlisted() {
    server.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson(data(items(0, 1)))));
    Harness h = harness("");

    Harness.Result r = h.read("items", Map.of("base_url", server.baseUrl()), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("refusing to connect to 127.0.0.1 (a loopback address)");
    server.verify(0, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void anOkResponseWithAnErrorBodyIsAnErrorNotEmptyData() {
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(
                okJson(
                    "{\"Note\": \"Thank you for using Alpha Vantage! Our standard API call"
                        + " frequency is 5 calls per minute and 500 calls per day.\"}")));
    Harness h =
        harness(
            """
            errors:
              - {pointer: /Note, exists: true, action: fail, message: "Alpha Vantage refused the call"}
            """);

    Harness.Result r = h.read("items", cfg(), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("Alpha Vantage refused the call")
        .hasMessageContaining("5 calls per minute");
    assertThat(r.records()).isEmpty();
  }

  @Test
  void anErrorBodyRuleCanRetryUntilTheApiAnswersProperly() {
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("notok")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                okJson(
                    "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Max rate limit reached\"}"))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .inScenario("notok")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(data(items(0, 2)))));
    Harness h =
        harness(
            """
            errors:
              - {pointer: /message, equals: NOTOK, action: retry, message: "Etherscan is rate limiting"}
            """);

    Harness.Result r = h.read("items", cfg(), Map.of()).orThrow();

    assertThat(r.records()).hasSize(2);
    server.verify(2, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void aQuotaBudgetIsSharedByTwoConnectorsUsingOneLedger() {
    for (int p = 1; p <= 3; p++) {
      server.stubFor(
          get(urlPathEqualTo("/items"))
              .withQueryParam("page", equalTo(Integer.toString(p)))
              .willReturn(okJson(data(items(p * 10, p * 10 + (p < 3 ? 2 : 1))))));
    }
    String extra =
        """
        config:
          api_key: {required: true, secret: true}
        auth: {type: api_key, in: query, name: apikey, value: "{{ config.api_key }}"}
        quotas: [{per: day, limit: 5}]
        pagination: {type: page_number, size: '2'}
        """;
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    Harness first = harness(extra).quotas(ledger);
    Harness second = harness(extra).quotas(ledger);
    second.clock.set(first.clock.instant());
    Map<String, Object> config = cfg();
    config.put("api_key", "KEY-123456");

    Harness.Result a = first.read("items", config, Map.of());
    Harness.Result b = second.read("items", config, Map.of());

    assertThat(a.error()).isNull();
    assertThat(a.records()).hasSize(5);
    assertThat(b.error())
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("quota of 5 calls per day")
        .hasMessageContaining("renews at 2025-03-02T00:00:00Z");
    assertThat(b.records()).hasSize(4);
    server.verify(5, getRequestedFor(urlPathEqualTo("/items")));
    assertThat(ledger.snapshot().values()).containsExactly(5L);
    assertThat(ledger.snapshot().keySet().iterator().next()).doesNotContain("KEY-123456");
  }

  @Test
  void theCircuitBreakerOpensAfterRepeatedFailuresSkipsFastAndClosesAfterAProbe() {
    server.stubFor(get(urlPathEqualTo("/items")).willReturn(aResponse().withStatus(500)));
    Harness h =
        harness("circuit_breaker: {failure_threshold: 2, open_for: 1m}\nretry: {max_attempts: 1}");
    assertThat(h.provider.circuitState()).as("before any request").contains("closed");

    Harness.Result run1 = h.read("items", cfg(), Map.of());
    Harness.Result run2 = h.read("items", cfg(), Map.of());
    Harness.Result run3 = h.read("items", cfg(), Map.of());

    assertThat(run1.error())
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("HTTP 500");
    assertThat(run2.error())
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("HTTP 500");
    assertThat(run3.error())
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("circuit breaker opened");
    server.verify(2, getRequestedFor(urlPathEqualTo("/items")));
    // what GET /api/sources reports for this source
    assertThat(h.provider.circuitState()).contains("open");

    server.resetAll();
    server.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson(data(items(0, 1)))));
    h.clock.advance(Duration.ofSeconds(61));
    Harness.Result run4 = h.read("items", cfg(), Map.of()).orThrow();
    Harness.Result run5 = h.read("items", cfg(), Map.of()).orThrow();

    assertThat(run4.records()).hasSize(1);
    assertThat(run5.records()).hasSize(1);
    assertThat(h.provider.circuitState()).contains("closed");
  }

  @Test
  void theTokenBucketSpacesRequestsToTheDeclaredRate() {
    for (int p = 1; p <= 5; p++) {
      server.stubFor(
          get(urlPathEqualTo("/items"))
              .withQueryParam("page", equalTo(Integer.toString(p)))
              .willReturn(okJson(data(p < 5 ? items(p * 10, p * 10 + 2) : List.of()))));
    }
    Harness h =
        harness("rate_limit: {requests_per_second: 2, burst: 1}\npagination: {type: page_number}");

    h.read("items", cfg(), Map.of()).orThrow();

    List<Instant> at = arrivals();
    assertThat(at).hasSize(5);
    for (int i = 1; i < at.size(); i++) {
      assertThat(Duration.between(at.get(i - 1), at.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }
  }

  @Test
  void rateLimitHeadersAtZeroPauseTheSourceUntilTheWindowResets() {
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", equalTo("1"))
            .willReturn(
                okJson(data(items(0, 2)))
                    .withHeader("x-ratelimit-remaining", "0.0")
                    .withHeader("x-ratelimit-reset", "30")));
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson(data(List.of()))));
    Harness h = harness("pagination: {type: page_number}");

    h.read("items", cfg(), Map.of()).orThrow();

    List<Instant> at = arrivals();
    assertThat(Duration.between(at.get(0), at.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void notFoundFailsAtOnceWithAHintAndNoSecretInTheMessage() {
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
    Harness h =
        harness(
            """
            config:
              api_key: {required: true, secret: true}
            auth: {type: api_key, in: query, name: apikey, value: "{{ config.api_key }}"}
            """);
    Map<String, Object> config = cfg();
    config.put("api_key", "KEY-SECRET-999");

    Harness.Result r = h.read("items", config, Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("Not Found")
        .hasMessageContaining("check the path")
        .hasMessageNotContaining("KEY-SECRET-999");
    server.verify(1, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void aRetryAfterBeyondTheRetryBudgetGivesUpAtOnce() {
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
    Harness h = harness("retry: {budget: 5m}");

    Harness.Result r = h.read("items", cfg(), Map.of());

    assertThat(r.error())
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("retry.budget");
    server.verify(1, getRequestedFor(urlPathEqualTo("/items")));
    assertThat(h.sleeper.sleeps()).isEmpty();
  }

  @Test
  void eachCredentialHasItsOwnBucket() {
    for (int p = 1; p <= 3; p++) {
      server.stubFor(
          get(urlPathEqualTo("/items"))
              .withQueryParam("page", equalTo(Integer.toString(p)))
              .willReturn(okJson(data(p < 3 ? items(p * 10, p * 10 + 2) : List.of()))));
    }
    Harness h =
        harness(
            """
            config:
              token: {secret: true}
            auth: {type: bearer, token: "{{ config.token }}"}
            rate_limit: {per_credential_per_second: 0.5, burst: 1}
            pagination: {type: page_number}
            """);
    Map<String, Object> one = cfg();
    one.put("token", "token-one");
    Map<String, Object> two = cfg();
    two.put("token", "token-two");

    h.read("items", one, Map.of()).orThrow();
    List<Instant> firstRun = arrivals();
    h.read("items", two, Map.of()).orThrow();
    List<Instant> all = arrivals();

    assertThat(Duration.between(firstRun.get(0), firstRun.get(1))).isEqualTo(Duration.ofSeconds(2));
    assertThat(all.get(3))
        .as("the second credential starts with a full bucket")
        .isEqualTo(firstRun.get(2));
  }
}
