package io.tributary.http.builtin;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.tributary.http.testing.Harness.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tributary.http.internal.engine.Json;
import io.tributary.http.testing.FixtureServer;
import io.tributary.http.testing.Harness;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.Record;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The built-in manifests against the real recorded responses in {@code fixtures/}, served by a
 * local server exactly as recorded (path, every query parameter, status, headers).
 */
class BuiltInConnectorsIT {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static Object fixture(String source, String file) throws IOException {
    try {
      return new Json(1000, Integer.MAX_VALUE).parse(FixtureServer.body(source, file));
    } catch (Json.BadJson e) {
      throw new IOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> pluck(Object body, String jsonPath, String field) {
    List<Object> out = new ArrayList<>();
    for (Object n : Json.select(body, jsonPath)) {
      out.add(((Map<String, Object>) n).get(field));
    }
    return out;
  }

  private static List<Object> field(Harness.Result r, String name) {
    return r.records().stream().map(rec -> rec.get(name)).toList();
  }

  // ------------------------------------------------------------------ reddit

  private Map<String, Object> redditOAuth(Object... more) {
    Map<String, Object> c = local(wm.baseUrl(), more);
    c.put("client_id", "app-id");
    c.put("client_secret", "app-secret-value");
    c.put("token_url", wm.baseUrl() + "/api/v1/access_token");
    return c;
  }

  @Test
  void redditPostsOfASubredditWithAnAppOnlyToken() throws IOException {
    FixtureServer.serve(wm, "reddit");
    Harness h = Harness.builtIn("reddit");

    Harness.Result r =
        h.read("posts", redditOAuth("subreddits", List.of("askreddit"), "max_pages", 1L), Map.of())
            .orThrow();

    Object page = fixture("reddit", "r_askreddit_new_limit100.json");
    assertThat(field(r, "name")).isEqualTo(pluck(page, "$.data.children[*].data", "name"));
    assertThat(r.records()).hasSize(100);
    assertThat(r.records().get(0).get("created_at")).isEqualTo("2016-03-01T08:37:38Z");
    assertThat(r.checkpoints()).as("a sampled descending read does not move the state").isEmpty();
    wm.verify(
        getRequestedFor(urlPathEqualTo("/r/askreddit/new"))
            .withHeader("Authorization", equalTo("Bearer <ACCESS_TOKEN>"))
            .withHeader("User-Agent", equalTo("tributary/0.1 (data pipeline)")));
    wm.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/access_token"))
            .withRequestBody(equalTo("grant_type=client_credentials")));
    FixtureServer.assertRequestsMatchedRecordings(wm, "reddit");
  }

  @Test
  void redditUsesThePasswordGrantWhenAUserNameIsConfigured() {
    FixtureServer.serve(wm, "reddit");

    Harness.Result r =
        Harness.builtIn("reddit")
            .read(
                "posts",
                redditOAuth(
                    "username",
                    "bot_user",
                    "password",
                    "hunter2-pw",
                    "subreddits",
                    List.of("askreddit"),
                    "max_pages",
                    1L),
                Map.of())
            .orThrow();

    assertThat(r.records()).hasSize(100);
    wm.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/access_token"))
            .withHeader("Authorization", equalTo("Basic YXBwLWlkOmFwcC1zZWNyZXQtdmFsdWU="))
            .withRequestBody(equalTo("grant_type=password&username=bot_user&password=hunter2-pw")));
  }

  @Test
  void redditUserListingFollowsTheAfterToken() throws IOException {
    FixtureServer.serve(wm, "reddit");
    Harness h = Harness.builtIn("reddit");

    Harness.Result r =
        h.read(
                "user_content",
                redditOAuth(
                    "users",
                    List.of("spez"),
                    "user_sort",
                    "top",
                    "time_filter",
                    "all",
                    "page_size",
                    1024L,
                    "max_pages",
                    2L),
                Map.of())
            .orThrow();

    List<Object> expected = new ArrayList<>();
    expected.addAll(
        pluck(fixture("reddit", "user_spez_top_page1.json"), "$.data.children[*].data", "name"));
    expected.addAll(
        pluck(
            fixture("reddit", "user_spez_top_page2_after.json"),
            "$.data.children[*].data",
            "name"));
    assertThat(field(r, "name")).isEqualTo(expected).hasSize(200);
    wm.verify(
        getRequestedFor(urlPathEqualTo("/user/spez/"))
            .withQueryParam("after", equalTo("t1_ct5snit")));
    FixtureServer.assertRequestsMatchedRecordings(wm, "reddit");
  }

  @Test
  void redditFetchesANewTokenAfterTheRecorded401() {
    FixtureServer.serve(wm, "reddit");
    FixtureServer.Entry unauthorized =
        FixtureServer.index("reddit").stream()
            .filter(e -> e.file().equals("error_401_invalid_token.json"))
            .findFirst()
            .orElseThrow();
    FixtureServer.Entry listing =
        FixtureServer.index("reddit").stream()
            .filter(e -> e.file().equals("r_askreddit_new_limit100.json"))
            .findFirst()
            .orElseThrow();
    FixtureServer.Entry expired =
        new FixtureServer.Entry(
            unauthorized.file(),
            "GET",
            listing.path(),
            listing.query(),
            401,
            unauthorized.headers());
    wm.stubFor(
        FixtureServer.stub("reddit", expired)
            .inScenario("expiry")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("refreshed"));
    wm.stubFor(
        FixtureServer.stub("reddit", listing)
            .inScenario("expiry")
            .whenScenarioStateIs("refreshed"));
    Harness h = Harness.builtIn("reddit");

    Harness.Result r =
        h.read("posts", redditOAuth("subreddits", List.of("askreddit"), "max_pages", 1L), Map.of())
            .orThrow();

    assertThat(r.records()).hasSize(100);
    wm.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/access_token")));
    wm.verify(2, getRequestedFor(urlPathEqualTo("/r/askreddit/new")));
  }

  @Test
  void redditCommentsOfAPost() throws IOException {
    FixtureServer.serve(wm, "reddit");

    Harness.Result r =
        Harness.builtIn("reddit")
            .read(
                "comments",
                redditOAuth("post_ids", List.of("2gmzqe"), "comment_limit", 2048L),
                Map.of())
            .orThrow();

    Object body = fixture("reddit", "comments_2gmzqe.json");
    assertThat(field(r, "name"))
        .isEqualTo(pluck(body, "$[1].data.children[*].data", "name"))
        .isNotEmpty();
    assertThat(field(r, "post_id")).containsOnly("2gmzqe");
    FixtureServer.assertRequestsMatchedRecordings(wm, "reddit");
  }

  @Test
  void redditSearchSendsTheRecordedQueryAndEmitsTheMatchingPosts() throws IOException {
    FixtureServer.serve(wm, "reddit");

    Harness.Result r =
        Harness.builtIn("reddit")
            .read(
                "search",
                redditOAuth(
                    "search_query",
                    "praw oauth search",
                    "search_syntax",
                    "cloudsearch",
                    "search_restrict_sr",
                    "False",
                    "time_filter",
                    "all",
                    "page_size",
                    1024L,
                    "max_pages",
                    1L),
                Map.of())
            .orThrow();

    Object body = fixture("reddit", "r_all_search_praw_oauth_search.json");
    assertThat(field(r, "name"))
        .isEqualTo(pluck(body, "$.data.children[*].data", "name"))
        .isNotEmpty();
    assertThat(field(r, "searched_subreddit")).containsOnly("all");
    assertThat(r.records().get(0).get("created_at")).asString().endsWith("Z");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/r/all/search/"))
            .withQueryParam("q", equalTo("praw oauth search"))
            .withQueryParam("sort", equalTo("relevance"))
            .withHeader("Authorization", equalTo("Bearer <ACCESS_TOKEN>")));
    FixtureServer.assertRequestsMatchedRecordings(wm, "reddit");
  }

  // ------------------------------------------------------------------ github

  @Test
  void githubIssuesFollowTheRecordedLinkHeaderToPageTwo() throws IOException {
    FixtureServer.serve(wm, "github");

    Harness.Result r =
        Harness.builtIn("github")
            .read(
                "issues",
                local(
                    wm.baseUrl(),
                    "repositories",
                    List.of("openframeworks/openFrameworks"),
                    "max_pages",
                    2L),
                Map.of())
            .orThrow();

    List<Object> expected = new ArrayList<>();
    expected.addAll(
        pluck(fixture("github", "repos_openframeworks_issues_page1.json"), "$[*]", "id"));
    expected.addAll(
        pluck(fixture("github", "repos_openframeworks_issues_page2.json"), "$[*]", "id"));
    assertThat(field(r, "id")).isEqualTo(expected).hasSize(50);
    assertThat(field(r, "repository")).containsOnly("openframeworks/openFrameworks");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/repos/openframeworks/openFrameworks/issues"))
            .withHeader("Authorization", absent()));
    FixtureServer.assertRequestsMatchedRecordings(wm, "github");
  }

  @Test
  void githubCommitsAndSearchWithAToken() throws IOException {
    FixtureServer.serve(wm, "github");
    Harness h = Harness.builtIn("github");

    Harness.Result commits =
        h.read(
                "commits",
                local(
                    wm.baseUrl(),
                    "token",
                    "ghp_example_token_1",
                    "repositories",
                    List.of("PyGithub/PyGithub"),
                    "max_pages",
                    1L),
                Map.of())
            .orThrow();
    Harness.Result search =
        h.read(
                "search_issues",
                local(
                    wm.baseUrl(),
                    "search_query",
                    "compile language:C++",
                    "search_sort",
                    "comments",
                    "search_order",
                    "desc",
                    "max_pages",
                    1L),
                Map.of())
            .orThrow();

    assertThat(field(commits, "sha"))
        .isEqualTo(pluck(fixture("github", "repos_pygithub_commits_page1.json"), "$[*]", "sha"));
    assertThat(commits.records().get(0).get("committed_at")).isInstanceOf(String.class);
    assertThat(field(search, "id"))
        .isEqualTo(
            pluck(fixture("github", "search_issues_compile_language_cpp.json"), "$.items[*]", "id"))
        .hasSize(30);
    wm.verify(
        getRequestedFor(urlPathEqualTo("/repos/PyGithub/PyGithub/commits"))
            .withHeader("Authorization", equalTo("Bearer ghp_example_token_1")));
    FixtureServer.assertRequestsMatchedRecordings(wm, "github");
  }

  // ------------------------------------------------------------------ openaq

  @Test
  void openaqMeasurementsAreReadThroughLocationsAndSensors() throws IOException {
    FixtureServer.serve(wm, "openaq");

    Harness.Result r =
        Harness.builtIn("openaq")
            .read(
                "measurements",
                local(
                    wm.baseUrl(),
                    "api_key",
                    "openaq-key-123",
                    "location_ids",
                    List.of("3"),
                    "measurements_page_size",
                    5L,
                    "max_pages",
                    1L),
                Map.of())
            .orThrow();

    Object body = fixture("openaq", "v3_sensors_3_measurements_limit5.json");
    assertThat(field(r, "value")).isEqualTo(pluck(body, "$.results[*]", "value")).hasSize(5);
    assertThat(field(r, "sensor_id")).containsOnly(3L);
    assertThat(field(r, "location_id")).containsOnly(3L);
    assertThat(field(r, "parameter_name")).containsOnly("pm25");
    assertThat(r.records().get(0).get("datetime")).asString().endsWith("Z");
    assertThat(r.state().toString()).contains("sensor_id=3");
    wm.verify(1, getRequestedFor(urlPathEqualTo("/v3/locations")));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/v3/locations/3/sensors"))
            .withHeader("X-API-Key", equalTo("openaq-key-123")));
    FixtureServer.assertRequestsMatchedRecordings(wm, "openaq");
  }

  @Test
  void openaqLocationsStopAtTheShortPage() throws IOException {
    FixtureServer.serve(wm, "openaq");

    Harness.Result r =
        Harness.builtIn("openaq")
            .read("locations", local(wm.baseUrl(), "api_key", "k-123456"), Map.of())
            .orThrow();

    assertThat(field(r, "id"))
        .isEqualTo(
            pluck(fixture("openaq", "v3_locations_limit100_page1.json"), "$.results[*]", "id"));
    wm.verify(1, getRequestedFor(urlPathEqualTo("/v3/locations")));
  }

  // ------------------------------------------------------------------ coingecko

  @Test
  void coingeckoMarketsSimplePriceAndMarketChart() throws IOException {
    FixtureServer.serve(wm, "coingecko");
    Harness h = Harness.builtIn("coingecko");

    Harness.Result markets =
        h.read(
                "markets",
                local(wm.baseUrl(), "ids", "bitcoin, ethereum", "vs_currency", "eth"),
                Map.of())
            .orThrow();
    Harness.Result price =
        h.read("simple_price", local(wm.baseUrl(), "ids", List.of("bitcoin")), Map.of()).orThrow();
    Harness.Result chart =
        h.read("market_chart", local(wm.baseUrl(), "ids", List.of("bitcoin")), Map.of()).orThrow();

    assertThat(field(markets, "id")).containsExactly("bitcoin", "ethereum");
    assertThat(field(markets, "vs_currency")).containsOnly("eth");
    assertThat(price.records())
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.get("id")).isEqualTo("bitcoin");
              assertThat(rec.get("usd")).isEqualTo(49253L);
            });
    @SuppressWarnings("unchecked")
    List<List<Object>> prices =
        (List<List<Object>>)
            ((Map<String, Object>) fixture("coingecko", "coins_bitcoin_market_chart_usd_30d.json"))
                .get("prices");
    assertThat(chart.records()).hasSize(prices.size());
    assertThat(chart.records().get(0).get("price")).isEqualTo(prices.get(0).get(1));
    assertThat(chart.records().get(0).get("timestamp"))
        .isEqualTo(Instant.ofEpochMilli(((Number) prices.get(0).get(0)).longValue()).toString());
    assertThat(chart.state().toString())
        .contains(
            Instant.ofEpochMilli(((Number) prices.get(prices.size() - 1).get(0)).longValue())
                .toString());
    FixtureServer.assertRequestsMatchedRecordings(wm, "coingecko");
  }

  // ------------------------------------------------------------------ yahoo finance

  private static ConnectorContext.Window window(String from, String to) {
    return new ConnectorContext.Window(Instant.parse(from), Instant.parse(to));
  }

  @Test
  void yahooChartBackfillRequestsTheRecordedPeriodAndEmitsBars() throws IOException {
    FixtureServer.serve(wm, "yahoo_finance");
    Harness h =
        Harness.builtIn("yahoo_finance")
            .window(window("2020-08-31T00:00:00Z", "2020-11-07T00:00:00Z"));

    Harness.Result r =
        h.read("chart", local(wm.baseUrl(), "symbols", List.of("AAPL")), Map.of()).orThrow();

    @SuppressWarnings("unchecked")
    Map<String, Object> result =
        (Map<String, Object>)
            Json.pointer(
                fixture("yahoo_finance", "v8_chart_AAPL_1d_2020-08-31_to_2020-11-07_events.json"),
                "/chart/result/0");
    List<?> ts = (List<?>) result.get("timestamp");
    List<?> close = (List<?>) Json.pointer(result, "/indicators/quote/0/close");
    assertThat(r.records()).hasSize(ts.size());
    assertThat(r.records().get(0).get("timestamp"))
        .isEqualTo(Instant.ofEpochSecond(((Number) ts.get(0)).longValue()).toString());
    assertThat(field(r, "close")).isEqualTo(close);
    assertThat(field(r, "symbol")).containsOnly("AAPL");
    assertThat(r.checkpoints()).as("a backfill does not move the state").isEmpty();
    FixtureServer.assertRequestsMatchedRecordings(wm, "yahoo_finance");
  }

  @Test
  void yahooChartOfAWeekendHasNoBarsAndIsNotAnError() {
    FixtureServer.serve(wm, "yahoo_finance");
    Harness h =
        Harness.builtIn("yahoo_finance")
            .window(window("2025-02-01T00:00:00Z", "2025-02-02T00:00:00Z"));

    Harness.Result r =
        h.read(
            "chart",
            local(
                wm.baseUrl(),
                "symbols",
                List.of("AAPL"),
                "interval",
                "1m",
                "include_pre_post",
                "false"),
            Map.of());

    assertThat(r.error()).isNull();
    assertThat(r.records()).isEmpty();
    FixtureServer.assertRequestsMatchedRecordings(wm, "yahoo_finance");
  }

  @Test
  void yahooChartOfAYearOfDailyBars() throws IOException {
    FixtureServer.serve(wm, "yahoo_finance");
    Harness h =
        Harness.builtIn("yahoo_finance")
            .window(window("2021-02-01T00:00:00Z", "2022-01-31T00:00:00Z"));

    Harness.Result r =
        h.read("chart", local(wm.baseUrl(), "symbols", List.of("MSFT"), "events", "div"), Map.of())
            .orThrow();

    List<?> ts =
        (List<?>)
            Json.pointer(
                fixture("yahoo_finance", "v8_chart_MSFT_1d_2021-02-01_to_2022-01-31_div.json"),
                "/chart/result/0/timestamp");
    assertThat(r.records()).hasSize(ts.size());
    assertThat(r.records()).extracting(Record::stream).containsOnly("chart");
  }

  @Test
  void aLocalTimeRequestFormatBackfillsTheRecordedOpenaqDay() throws IOException {
    FixtureServer.serve(wm, "openaq");
    Harness h =
        Harness.of(
                """
                name: openaq_local
                description: OpenAQ measurements with local-time window parameters
                base_url: https://api.openaq.org
                config:
                  sensor_ids: {type: string_list}
                streams:
                  - name: measurements
                    primary_key: [sensor_id, datetime]
                    partitions: {sensor_id: "{{ config.sensor_ids }}"}
                    request:
                      path: "/v3/sensors/{{ partition.sensor_id }}/measurements"
                      query: {datetime_from: "{{ cursor.from }}", datetime_to: "{{ cursor.to }}", limit: "100"}
                    records: {path: /results}
                    pagination: {type: page_number, size: "100"}
                    transforms:
                      - add_fields: {sensor_id: "{{ partition.sensor_id }}", datetime: "{{ record.period.datetimeFrom.utc }}"}
                    incremental:
                      cursor_field: datetime
                      order: ascending
                      request_format: "yyyy-MM-dd'T'HH:mm:ssxx"
                      request_zone: "-05:00"
                """)
            .window(window("2023-03-07T05:00:00Z", "2023-03-08T05:00:00Z"));

    Harness.Result r =
        h.read("measurements", local(wm.baseUrl(), "sensor_ids", List.of("3")), Map.of()).orThrow();

    Object body = fixture("openaq", "v3_sensors_3_measurements_2023-03-07.json");
    assertThat(field(r, "value")).isEqualTo(pluck(body, "$.results[*]", "value")).hasSize(48);
    assertThat(r.checkpoints()).isEmpty();
    FixtureServer.assertRequestsMatchedRecordings(wm, "openaq");
  }

  // ------------------------------------------------------------------ alpha vantage

  @Test
  void alphavantageSeriesAndQuotesCountAgainstTheSharedDailyQuota() throws IOException {
    FixtureServer.serve(wm, "alpha_vantage");
    io.tributary.http.testing.InMemoryQuotaLedger ledger =
        new io.tributary.http.testing.InMemoryQuotaLedger();
    Harness h = Harness.builtIn("alphavantage").quotas(ledger);
    Map<String, Object> config =
        local(wm.baseUrl(), "api_key", "AV-KEY-123", "symbols", List.of("MSFT"));

    config.put("interval", "1min");
    Harness.Result intraday = h.read("intraday", config, Map.of()).orThrow();
    config.remove("interval");
    Harness.Result quote = h.read("global_quote", config, Map.of()).orThrow();

    @SuppressWarnings("unchecked")
    Map<String, Object> series =
        (Map<String, Object>)
            Json.pointer(
                fixture("alpha_vantage", "time_series_intraday_MSFT_1min_compact.json"),
                "/Time Series (1min)");
    assertThat(field(intraday, "timestamp"))
        .isEqualTo(new ArrayList<>(series.keySet()))
        .hasSize(100);
    assertThat(intraday.records().get(0).get("open")).isEqualTo(86.49);
    assertThat(intraday.records().get(0).get("volume")).isEqualTo(10494L);
    assertThat(quote.records())
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.get("symbol")).isEqualTo("MSFT");
              assertThat(rec.get("price")).isEqualTo(112.13);
              assertThat(rec.get("change_percent")).isEqualTo("-0.5852%");
            });
    assertThat(ledger.snapshot().values()).containsExactly(2L);
    wm.verify(
        2,
        getRequestedFor(urlPathEqualTo("/query")).withQueryParam("apikey", equalTo("AV-KEY-123")));
    FixtureServer.assertRequestsMatchedRecordings(wm, "alpha_vantage", "apikey");
  }

  // ------------------------------------------------------------------ twitter

  @Test
  void twitterSearchTimelinesFollowersLookupAndCounts() throws IOException {
    FixtureServer.serve(wm, "twitter");
    Harness h = Harness.builtIn("twitter");
    Map<String, Object> config =
        local(
            wm.baseUrl(),
            "bearer_token",
            "AAAA-bearer-1",
            "query",
            "Tweepy",
            "user_ids",
            List.of("783214"),
            "tweet_ids",
            List.of("1293593516040269825", "1293595870563381249"),
            "max_pages",
            1L);

    Harness.Result search = h.read("recent_search", config, Map.of()).orThrow();
    Harness.Result tweets = h.read("user_tweets", config, Map.of()).orThrow();
    Harness.Result followers = h.read("followers", config, Map.of()).orThrow();
    Harness.Result lookup = h.read("tweet_lookup", config, Map.of()).orThrow();
    Harness.Result counts = h.read("recent_counts", config, Map.of()).orThrow();

    assertThat(field(search, "id"))
        .isEqualTo(
            pluck(fixture("twitter", "v2_tweets_search_recent_tweepy.json"), "$.data[*]", "id"))
        .hasSize(10);
    assertThat(field(tweets, "id"))
        .isEqualTo(pluck(fixture("twitter", "v2_users_783214_tweets.json"), "$.data[*]", "id"));
    assertThat(field(followers, "username"))
        .isEqualTo(
            pluck(fixture("twitter", "v2_users_783214_followers.json"), "$.data[*]", "username"));
    assertThat(field(followers, "user_id")).containsOnly("783214");
    assertThat(field(lookup, "id")).containsExactly("1293593516040269825", "1293595870563381249");
    assertThat(field(counts, "tweet_count"))
        .isEqualTo(
            pluck(
                fixture("twitter", "v2_tweets_counts_recent_tweepy.json"),
                "$.data[*]",
                "tweet_count"));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))
            .withHeader("Authorization", equalTo("Bearer AAAA-bearer-1")));
    FixtureServer.assertRequestsMatchedRecordings(wm, "twitter");
  }

  // ------------------------------------------------------------------ openweathermap

  @Test
  void openweathermapCurrentWeatherOfTheRecordedCity() {
    FixtureServer.serve(wm, "openweathermap");

    Harness.Result r =
        Harness.builtIn("openweathermap")
            .read(
                "current",
                local(wm.baseUrl(), "api_key", "owm-key-123", "cities", List.of("London,GB")),
                Map.of())
            .orThrow();

    assertThat(r.records())
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.get("id")).isEqualTo(2643743L);
              assertThat(rec.get("name")).isEqualTo("London");
              assertThat(rec.get("main_temp")).isEqualTo(288.44);
              assertThat(rec.get("main_humidity")).isEqualTo(75L);
              assertThat(rec.get("wind_speed")).isEqualTo(1.54);
              assertThat(rec.get("coord_lat")).isEqualTo(51.50853);
              assertThat(rec.get("weather_main")).isEqualTo("Clouds");
              assertThat(rec.get("weather_description")).isEqualTo("overcast clouds");
              assertThat(rec.get("observed_at"))
                  .isEqualTo(Instant.ofEpochSecond(1378895177L).toString());
              assertThat(rec.get("city_query")).isEqualTo("London,GB");
            });
    assertThat(r.state().toString()).contains(Instant.ofEpochSecond(1378895177L).toString());
    assertThat(r.records().get(0).get("dt")).isEqualTo(1378895177L);
    wm.verify(
        getRequestedFor(urlPathEqualTo("/data/2.5/weather"))
            .withQueryParam("appid", equalTo("owm-key-123")));
    FixtureServer.assertRequestsMatchedRecordings(wm, "openweathermap", "appid");
  }

  @Test
  void openweathermapRecordedCityNotFoundFailsWithItsMessage() {
    FixtureServer.Entry notFound =
        FixtureServer.index("openweathermap").stream()
            .filter(e -> e.file().equals("error_404_city_not_found.json"))
            .findFirst()
            .orElseThrow();
    wm.stubFor(
        FixtureServer.stub(
            "openweathermap",
            new FixtureServer.Entry(
                notFound.file(),
                "GET",
                notFound.path(),
                Map.of("q", "Atlantis"),
                notFound.status(),
                notFound.headers())));

    Harness.Result r =
        Harness.builtIn("openweathermap")
            .read(
                "current",
                local(wm.baseUrl(), "api_key", "owm-key-123", "cities", List.of("Atlantis")),
                Map.of());

    assertThat(r.error())
        .isNotNull()
        .hasMessageContaining("OpenWeatherMap does not know this place")
        .hasMessageContaining("Not found city")
        .hasMessageNotContaining("owm-key-123");
    assertThat(r.records()).isEmpty();
  }
}
