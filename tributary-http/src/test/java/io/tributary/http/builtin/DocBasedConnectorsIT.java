package io.tributary.http.builtin;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.tributary.http.testing.Harness.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tributary.http.ManifestCatalog;
import io.tributary.http.testing.FixtureServer;
import io.tributary.http.testing.Harness;
import io.tributary.spi.Record;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DOC-BASED: the built-in manifests for APIs of which no recording exists (newsapi, gdelt,
 * etherscan, open_meteo, the OpenWeatherMap forecast and three GitHub endpoints), against responses
 * written by hand after each provider's documented example responses. Each fixture folder's
 * ATTRIBUTION.md names the documentation page it follows. These tests prove the manifests send the
 * documented requests and read the documented shapes; they cannot prove the live API still answers
 * that way, which the recorded tests in {@link BuiltInConnectorsIT} do for the other sources.
 */
@Tag("doc-based")
class DocBasedConnectorsIT {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static List<Object> field(Harness.Result r, String name) {
    return r.records().stream().map(rec -> rec.get(name)).toList();
  }

  /** Every record has a value for each field of its stream's primary key. */
  private static void assertKeyed(Harness.Result r, String connector, String stream) {
    List<String> key =
        new ManifestCatalog()
            .builtIns().stream()
                .filter(m -> m.name().equals(connector))
                .findFirst()
                .orElseThrow()
                .stream(stream)
                .orElseThrow()
                .primaryKey();
    assertThat(key).as(connector + "." + stream + " has a primary key").isNotEmpty();
    assertThat(r.records()).isNotEmpty();
    for (Record rec : r.records()) {
      for (String k : key) {
        assertThat(rec.get(k)).as(connector + "." + stream + " key field " + k).isNotNull();
      }
    }
  }

  private static FixtureServer.Entry entry(String source, String file) {
    return FixtureServer.index(source).stream()
        .filter(e -> e.file().equals(file))
        .findFirst()
        .orElseThrow();
  }

  // ------------------------------------------------------------------ newsapi

  private Map<String, Object> newsapi(Object... more) {
    Map<String, Object> c = local(wm.baseUrl(), more);
    c.put("api_key", "news-key-123456");
    return c;
  }

  @Test
  void newsapiEverythingPagesUntilTheShortPageAndThenReadsOnlyNewerArticles() {
    FixtureServer.serve(wm, "newsapi");
    Harness h = Harness.builtIn("newsapi");

    Harness.Result first =
        h.read("everything", newsapi("query", "bitcoin", "page_size", 2L), Map.of()).orThrow();

    assertThat(field(first, "url"))
        .containsExactly(
            "https://markets.example.com/bitcoin-climbs",
            "https://wire.example.org/miners-sell",
            "https://tech.example.net/halving-a-year-on");
    assertThat(field(first, "source_name"))
        .containsExactly("Example Markets", "Example Wire", "Example Tech");
    assertThat(first.records().get(1).get("source_id")).isEqualTo("example-wire");
    assertThat(first.records().get(0).get("publishedAt")).isEqualTo("2025-02-28T17:45:00Z");
    assertThat(first.state().toString()).contains("2025-02-28T17:45:00Z");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/v2/everything"))
            .withQueryParam("page", equalTo("2"))
            .withHeader("X-Api-Key", equalTo("news-key-123456"))
            .withQueryParam("apiKey", absent()));
    wm.verify(2, getRequestedFor(urlPathEqualTo("/v2/everything")));

    Harness.Result second =
        h.read("everything", newsapi("query", "bitcoin"), first.state()).orThrow();

    assertThat(field(second, "url"))
        .as("the article at the stored cursor was read before and is skipped")
        .containsExactly("https://markets.example.com/bitcoin-slips");
    assertThat(second.state().toString()).contains("2025-03-01T06:30:00Z");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/v2/everything"))
            .withQueryParam("from", equalTo("2025-02-28T17:45:00")));
    assertKeyed(first, "newsapi", "everything");
    FixtureServer.assertRequestsMatchedRecordings(wm, "newsapi");
  }

  @Test
  void newsapiTopHeadlinesAndSources() {
    FixtureServer.serve(wm, "newsapi");
    Harness h = Harness.builtIn("newsapi");

    Harness.Result headlines =
        h.read("top_headlines", newsapi("country", "us", "category", "business"), Map.of())
            .orThrow();
    Harness.Result sources =
        h.read("sources", newsapi("category", "technology", "language", "en"), Map.of()).orThrow();

    assertThat(headlines.records())
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.get("title")).isEqualTo("Stocks end the month higher");
              assertThat(rec.get("source_id")).isEqualTo("example-news");
            });
    assertThat(field(sources, "id")).containsExactly("ars-technica", "hacker-news");
    assertThat(field(sources, "category")).containsOnly("technology");
    assertKeyed(headlines, "newsapi", "top_headlines");
    assertKeyed(sources, "newsapi", "sources");
    FixtureServer.assertRequestsMatchedRecordings(wm, "newsapi");
  }

  @Test
  void newsapiErrorBodiesAreErrorsAndTheRateLimitIsNotHammered() {
    FixtureServer.serve(wm, "newsapi");
    Harness h = Harness.builtIn("newsapi");

    Harness.Result invalid =
        h.read("everything", newsapi("query", "invalid-key-example"), Map.of());
    Harness.Result limited =
        h.read("everything", newsapi("query", "rate-limited-example"), Map.of());

    assertThat(invalid.error())
        .isNotNull()
        .hasMessageContaining("NewsAPI refused the API key")
        .hasMessageContaining("apiKeyInvalid")
        .hasMessageNotContaining("news-key-123456");
    assertThat(limited.error())
        .isNotNull()
        .hasMessageContaining("NewsAPI rate limit reached")
        .hasMessageContaining("rateLimited");
    assertThat(invalid.records()).isEmpty();
    assertThat(limited.records()).isEmpty();
    assertThat(limited.checkpoints()).isEmpty();
    wm.verify(
        1,
        getRequestedFor(urlPathEqualTo("/v2/everything"))
            .withQueryParam("q", equalTo("rate-limited-example")));
  }

  @Test
  void newsapiFreePlanResultCapEndsPagingWithoutLosingTheFirstPage() {
    FixtureServer.serve(wm, "newsapi");

    Harness.Result r =
        Harness.builtIn("newsapi")
            .read("everything", newsapi("query", "crypto", "page_size", 1L), Map.of());

    assertThat(r.error()).isNull();
    assertThat(field(r, "url")).containsExactly("https://markets.example.com/crypto-inflows");
    assertThat(r.state().toString()).contains("2025-02-28T12:00:00Z");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/v2/everything")).withQueryParam("page", equalTo("2")));
    FixtureServer.assertRequestsMatchedRecordings(wm, "newsapi");
  }

  // ------------------------------------------------------------------ gdelt

  @Test
  void gdeltArticlesAreReadOncePerTimeWindow() {
    FixtureServer.serve(wm, "gdelt");

    Harness.Result r =
        Harness.builtIn("gdelt")
            .read(
                "articles",
                local(
                    wm.baseUrl(),
                    "query",
                    "climate",
                    "windows",
                    List.of(
                        Map.of("start", "20250101000000", "end", "20250102000000"),
                        Map.of("start", "20250102000000", "end", "20250103000000"))),
                Map.of())
            .orThrow();

    assertThat(r.records())
        .extracting(rec -> rec.get("url"))
        .containsExactlyInAnyOrder(
            "https://news.example.com/climate/heat-record",
            "https://zeitung.example.de/klima/bilanz",
            "https://daily.example.co.uk/climate/floods");
    Record floods =
        r.records().stream()
            .filter(rec -> rec.get("domain").equals("daily.example.co.uk"))
            .findFirst()
            .orElseThrow();
    assertThat(floods.get("seen_at")).isEqualTo("2025-01-02T22:00:00Z");
    assertThat(floods.get("window_start")).isEqualTo("20250102000000");
    assertThat(floods.get("sourcecountry")).isEqualTo("United Kingdom");
    wm.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/doc/doc")));
    assertKeyed(r, "gdelt", "articles");
    FixtureServer.assertRequestsMatchedRecordings(wm, "gdelt");
  }

  @Test
  void gdeltWithoutWindowsUsesTheTimespanAndAnEmptyAnswerIsNoData() {
    FixtureServer.serve(wm, "gdelt");

    Harness.Result r =
        Harness.builtIn("gdelt")
            .read(
                "articles",
                local(wm.baseUrl(), "query", "zzqxv-nothing", "timespan", "1d"),
                Map.of());

    assertThat(r.error()).isNull();
    assertThat(r.records()).isEmpty();
    wm.verify(
        getRequestedFor(urlPathEqualTo("/api/v2/doc/doc"))
            .withQueryParam("timespan", equalTo("1d"))
            .withQueryParam("startdatetime", absent()));
    FixtureServer.assertRequestsMatchedRecordings(wm, "gdelt");
  }

  @Test
  void gdeltTimelineVolumeGivesOneRecordPerStep() {
    FixtureServer.serve(wm, "gdelt");

    Harness.Result r =
        Harness.builtIn("gdelt")
            .read(
                "timeline_volume",
                local(
                    wm.baseUrl(),
                    "query",
                    "climate",
                    "windows",
                    List.of(Map.of("start", "20250101000000", "end", "20250101010000"))),
                Map.of())
            .orThrow();

    assertThat(field(r, "date"))
        .containsExactly("2025-01-01T00:00:00Z", "2025-01-01T00:15:00Z", "2025-01-01T00:30:00Z");
    assertThat(field(r, "value")).containsExactly(0.4213, 0.3987, 0.5102);
    assertKeyed(r, "gdelt", "timeline_volume");
    FixtureServer.assertRequestsMatchedRecordings(wm, "gdelt");
  }

  // ------------------------------------------------------------------ etherscan

  private static final String ADDRESS = "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae";

  private Map<String, Object> etherscan(String address, Object... more) {
    Map<String, Object> c = local(wm.baseUrl(), more);
    c.put("api_key", "ETHERSCAN-KEY-1");
    c.put("addresses", List.of(address));
    return c;
  }

  @Test
  void etherscanTransactionsPageByBlockAndTheNextRunStartsAtTheStoredBlock() {
    FixtureServer.serve(wm, "etherscan");
    Harness h = Harness.builtIn("etherscan");

    Harness.Result first =
        h.read("transactions", etherscan(ADDRESS, "page_size", 2L), Map.of()).orThrow();

    assertThat(field(first, "blockNumber")).containsExactly(14923678L, 14923692L, 14923800L);
    assertThat(first.records().get(0).get("hash"))
        .isEqualTo("0xc9b1b5a4d6f1e2f0b1d8ac5c1f7d2e6a6a13b5c6f1a2b3c4d5e6f708192a3b4c");
    assertThat(first.records().get(0).get("timeStamp"))
        .isEqualTo(Instant.ofEpochSecond(1654646411L).toString());
    assertThat(first.records().get(0).get("value")).isEqualTo("1000000000000000000");
    assertThat(field(first, "address")).containsOnly(ADDRESS);
    assertThat(first.state().toString()).contains("14923800");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/v2/api"))
            .withQueryParam("page", equalTo("2"))
            .withQueryParam("apikey", equalTo("ETHERSCAN-KEY-1")));

    Harness.Result second =
        h.read("transactions", etherscan(ADDRESS, "page_size", 2L), first.state()).orThrow();

    assertThat(second.records())
        .as("the transaction at the stored block was read before")
        .isEmpty();
    assertThat(second.checkpoints())
        .as("nothing new: the cursor stays where it was")
        .allSatisfy(c -> assertThat(c.state().toString()).contains("14923800"));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/v2/api"))
            .withQueryParam("startblock", equalTo("14923800")));
    assertKeyed(first, "etherscan", "transactions");
    FixtureServer.assertRequestsMatchedRecordings(wm, "etherscan", "apikey");
  }

  @Test
  void etherscanTokenTransfers() {
    FixtureServer.serve(wm, "etherscan");

    Harness.Result r =
        Harness.builtIn("etherscan")
            .read("token_transfers", etherscan(ADDRESS, "page_size", 100L), Map.of())
            .orThrow();

    assertThat(field(r, "blockNumber")).containsExactly(4730207L, 4764973L);
    assertThat(field(r, "tokenSymbol")).containsOnly("MKR");
    assertThat(field(r, "tokenDecimal")).containsOnly(18L);
    assertThat(r.records().get(1).get("value")).isEqualTo("122251432520000000000");
    assertKeyed(r, "etherscan", "token_transfers");
    FixtureServer.assertRequestsMatchedRecordings(wm, "etherscan", "apikey");
  }

  @Test
  void etherscanNoTransactionsFoundIsEmptyDataNotAnError() {
    FixtureServer.serve(wm, "etherscan");

    Harness.Result r =
        Harness.builtIn("etherscan")
            .read(
                "transactions",
                etherscan("0x0000000000000000000000000000000000000001", "page_size", 2L),
                Map.of());

    assertThat(r.error()).isNull();
    assertThat(r.records()).isEmpty();
    wm.verify(1, getRequestedFor(urlPathEqualTo("/v2/api")));
  }

  @Test
  void etherscanMaxRateLimitReachedIsRetriedAndAnInvalidKeyFails() {
    String limited = "0x00000000000000000000000000000000000000aa";
    FixtureServer.Entry rateLimit = entry("etherscan", "notok_max_rate_limit.json");
    FixtureServer.Entry okTx = entry("etherscan", "txlist_page2.json");
    wm.stubFor(
        FixtureServer.stub("etherscan", rateLimit)
            .inScenario("limit")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("calm"));
    wm.stubFor(
        FixtureServer.stub(
                "etherscan",
                new FixtureServer.Entry(
                    okTx.file(), "GET", rateLimit.path(), rateLimit.query(), 200, okTx.headers()))
            .inScenario("limit")
            .whenScenarioStateIs("calm"));
    FixtureServer.serve(wm, "etherscan", "notok_max_rate_limit.json");
    Harness h = Harness.builtIn("etherscan");

    Harness.Result retried = h.read("transactions", etherscan(limited, "page_size", 2L), Map.of());
    Harness.Result refused =
        h.read(
            "transactions",
            etherscan("0x00000000000000000000000000000000000000bb", "page_size", 2L),
            Map.of());

    assertThat(retried.error()).isNull();
    assertThat(field(retried, "blockNumber")).containsExactly(14923800L);
    assertThat(h.sleeper.sleeps()).as("the retry backed off").isNotEmpty();
    wm.verify(
        2, getRequestedFor(urlPathEqualTo("/v2/api")).withQueryParam("address", equalTo(limited)));
    assertThat(refused.error())
        .isNotNull()
        .hasMessageContaining("Etherscan refused the request")
        .hasMessageContaining("Invalid API Key")
        .hasMessageNotContaining("ETHERSCAN-KEY-1");
    assertThat(refused.records()).isEmpty();
  }

  // ------------------------------------------------------------------ open-meteo

  private static final Map<String, Object> BERLIN =
      Map.of("name", "berlin", "latitude", 52.52, "longitude", 13.41);

  @Test
  void openMeteoForecastTurnsTheHourlyArraysIntoRecords() {
    FixtureServer.serve(wm, "open_meteo");

    Harness.Result r =
        Harness.builtIn("open_meteo")
            .read(
                "forecast",
                local(
                    wm.baseUrl(),
                    "locations",
                    List.of(BERLIN),
                    "hourly",
                    List.of("temperature_2m", "precipitation")),
                Map.of())
            .orThrow();

    assertThat(field(r, "time"))
        .containsExactly(
            "2025-01-01T00:00:00Z",
            "2025-01-01T01:00:00Z",
            "2025-01-01T02:00:00Z",
            "2025-01-01T03:00:00Z");
    assertThat(field(r, "temperature_2m")).containsExactly(3.1, 2.8, 2.6, 2.9);
    assertThat(field(r, "precipitation")).containsExactly(0.0, 0.0, 0.2, 0.1);
    assertThat(field(r, "location")).containsOnly("berlin");
    assertThat(field(r, "latitude")).containsOnly(52.52);
    assertKeyed(r, "open_meteo", "forecast");
    FixtureServer.assertRequestsMatchedRecordings(wm, "open_meteo");
  }

  @Test
  void openMeteoHistoryReadsTheArchiveFromTheStartDateAndKeepsTheLastHour() {
    FixtureServer.serve(wm, "open_meteo");

    Harness.Result r =
        Harness.builtIn("open_meteo")
            .read(
                "history",
                local(
                    wm.baseUrl(),
                    "archive_url",
                    wm.baseUrl(),
                    "locations",
                    List.of(BERLIN),
                    "hourly",
                    List.of("temperature_2m", "precipitation"),
                    "start_date",
                    "2024-01-01",
                    "end_date",
                    "2024-01-01"),
                Map.of())
            .orThrow();

    assertThat(field(r, "time"))
        .containsExactly("2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z");
    assertThat(field(r, "temperature_2m")).containsExactly(7.4, 7.1, null);
    assertThat(r.state().toString()).contains("2024-01-01T02:00:00Z").contains("location=");
    assertKeyed(r, "open_meteo", "history");
    FixtureServer.assertRequestsMatchedRecordings(wm, "open_meteo");
  }

  @Test
  void openMeteoErrorReasonFailsTheRead() {
    FixtureServer.serve(wm, "open_meteo");

    Harness.Result r =
        Harness.builtIn("open_meteo")
            .read(
                "forecast",
                local(
                    wm.baseUrl(),
                    "locations",
                    List.of(BERLIN),
                    "hourly",
                    List.of("temperature_3m")),
                Map.of());

    assertThat(r.error())
        .isNotNull()
        .hasMessageContaining("Open-Meteo rejected the request")
        .hasMessageContaining("temperature_3m");
    assertThat(r.records()).isEmpty();
  }

  // ------------------------------------------------------------------ openweathermap forecast

  @Test
  void openweathermapForecastStepsAndAnInvalidKey() {
    FixtureServer.serve(wm, "openweathermap_docs");
    Harness h = Harness.builtIn("openweathermap");

    Harness.Result r =
        h.read(
                "forecast",
                local(
                    wm.baseUrl(),
                    "api_key",
                    "owm-key-123",
                    "cities",
                    List.of("London,GB"),
                    "forecast_count",
                    2L),
                Map.of())
            .orThrow();
    Harness.Result refused =
        h.read(
            "forecast",
            local(
                wm.baseUrl(),
                "api_key",
                "owm-key-123",
                "cities",
                List.of("Paris,FR"),
                "forecast_count",
                2L),
            Map.of());

    assertThat(field(r, "forecast_for"))
        .containsExactly(
            Instant.ofEpochSecond(1661871600L).toString(),
            Instant.ofEpochSecond(1661882400L).toString());
    assertThat(field(r, "main_temp")).containsExactly(296.76, 295.45);
    assertThat(field(r, "weather_description")).containsOnly("light rain");
    assertThat(field(r, "city_query")).containsOnly("London,GB");
    assertThat(refused.error())
        .isNotNull()
        .hasMessageContaining("OpenWeatherMap refused the API key")
        .hasMessageNotContaining("owm-key-123");
    assertKeyed(r, "openweathermap", "forecast");
    FixtureServer.assertRequestsMatchedRecordings(wm, "openweathermap_docs", "appid");
  }

  // ------------------------------------------------------------------ github

  @Test
  void githubRepositoriesOfAnOwner() {
    FixtureServer.serve(wm, "github_docs");

    Harness.Result r =
        Harness.builtIn("github")
            .read("repositories", local(wm.baseUrl(), "owners", List.of("octocat")), Map.of())
            .orThrow();

    assertThat(field(r, "full_name")).containsExactly("octocat/Hello-World", "octocat/Spoon-Knife");
    assertThat(field(r, "id")).containsExactly(1296269L, 1300192L);
    assertThat(field(r, "owner_login")).containsOnly("octocat");
    assertThat(r.records().get(0).data()).doesNotContainKey("owner");
    assertKeyed(r, "github", "repositories");
    FixtureServer.assertRequestsMatchedRecordings(wm, "github_docs");
  }

  @Test
  void githubRepositorySearchIsTheTrendingListMostStarsFirst() {
    FixtureServer.serve(wm, "github_docs");

    Harness.Result r =
        Harness.builtIn("github")
            .read(
                "search_repositories",
                local(wm.baseUrl(), "repository_query", "tetris language:assembly"),
                Map.of())
            .orThrow();

    assertThat(field(r, "full_name")).containsExactly("dtrupenn/Tetris", "octocat/Hello-World");
    assertThat(field(r, "owner_login")).containsExactly("dtrupenn", "octocat");
    assertThat(field(r, "stargazers_count")).containsExactly(1L, 80L);
    assertThat(r.records().get(0).data()).doesNotContainKey("owner");
    assertKeyed(r, "github", "search_repositories");
    FixtureServer.assertRequestsMatchedRecordings(wm, "github_docs");
  }

  @Test
  void githubPullRequestsNewestUpdateFirstMoveTheCursor() {
    FixtureServer.serve(wm, "github_docs");

    Harness.Result r =
        Harness.builtIn("github")
            .read(
                "pull_requests",
                local(wm.baseUrl(), "repositories", List.of("octocat/Hello-World")),
                Map.of())
            .orThrow();

    assertThat(field(r, "number")).containsExactly(1347L, 1296L);
    assertThat(field(r, "state")).containsExactly("open", "closed");
    assertThat(field(r, "user_login")).containsOnly("octocat");
    assertThat(field(r, "repository")).containsOnly("octocat/Hello-World");
    assertThat(r.state().toString()).contains("2011-01-26T19:01:12Z");
    assertKeyed(r, "github", "pull_requests");
    FixtureServer.assertRequestsMatchedRecordings(wm, "github_docs");
  }

  @Test
  void githubStargazersFollowTheLinkHeaderWithStarTimes() {
    FixtureServer.serve(wm, "github_docs");

    Harness.Result r =
        Harness.builtIn("github")
            .read(
                "stargazers",
                local(wm.baseUrl(), "repositories", List.of("octocat/Hello-World"), "per_page", 2L),
                Map.of())
            .orThrow();

    assertThat(field(r, "user_login")).containsExactly("octocat", "hubot", "monalisa");
    assertThat(field(r, "user_id")).containsExactly(1L, 2L, 3L);
    assertThat(r.state().toString()).contains("2011-02-01T12:00:00Z");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/repos/octocat/Hello-World/stargazers"))
            .withQueryParam("page", equalTo("2"))
            .withHeader("Accept", equalTo("application/vnd.github.star+json")));
    assertKeyed(r, "github", "stargazers");
    FixtureServer.assertRequestsMatchedRecordings(wm, "github_docs");
  }
}
