package io.tributary.http.builtin;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tributary.http.testing.Harness.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tributary.http.ManifestCatalog;
import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.testing.FixtureServer;
import io.tributary.http.testing.Harness;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stream of every built-in manifest declares the JSON Schema of its records: {@code discover}
 * returns it with the primary key fields among its properties, and the records read from the
 * recorded (and doc-based) fixtures validate against it. The store types columns from these
 * schemas, so a record that did not validate would be quarantined.
 */
class DeclaredSchemasIT {
  private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> BERLIN =
      Map.of("name", "berlin", "latitude", 52.52, "longitude", 13.41);
  private static final String ADDRESS = "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  /** One read of one stream from one fixture folder; {@code config} gets the server's URL. */
  record Case(
      String connector,
      String stream,
      String fixtures,
      ConnectorContext.Window window,
      Function<String, Map<String, Object>> config) {
    @Override
    public String toString() {
      return connector + "." + stream + " (" + fixtures + ")";
    }
  }

  private static Case c(
      String connector, String stream, String fixtures, Function<String, Map<String, Object>> f) {
    return new Case(connector, stream, fixtures, null, f);
  }

  private static ConnectorContext.Window window(String from, String to) {
    return new ConnectorContext.Window(Instant.parse(from), Instant.parse(to));
  }

  private static Map<String, Object> reddit(String url, Object... more) {
    Map<String, Object> m = local(url, more);
    m.put("client_id", "app-id");
    m.put("client_secret", "app-secret-value");
    m.put("token_url", url + "/api/v1/access_token");
    return m;
  }

  private static Map<String, Object> with(Map<String, Object> m, Object... more) {
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    return m;
  }

  /** The reads of BuiltInConnectorsIT and DocBasedConnectorsIT, one or more per stream. */
  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    // reddit
    out.add(
        c(
            "reddit",
            "posts",
            "reddit",
            u -> reddit(u, "subreddits", List.of("askreddit"), "max_pages", 1L)));
    out.add(
        c(
            "reddit",
            "user_content",
            "reddit",
            u ->
                reddit(
                    u,
                    "users",
                    List.of("spez"),
                    "user_sort",
                    "top",
                    "time_filter",
                    "all",
                    "page_size",
                    1024L,
                    "max_pages",
                    2L)));
    out.add(
        c(
            "reddit",
            "comments",
            "reddit",
            u -> reddit(u, "post_ids", List.of("2gmzqe"), "comment_limit", 2048L)));
    out.add(
        c(
            "reddit",
            "search",
            "reddit",
            u ->
                reddit(
                    u,
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
                    1L)));
    // github
    out.add(
        c(
            "github",
            "issues",
            "github",
            u ->
                local(
                    u, "repositories", List.of("openframeworks/openFrameworks"), "max_pages", 2L)));
    out.add(
        c(
            "github",
            "commits",
            "github",
            u ->
                local(
                    u,
                    "token",
                    "ghp_example_token_1",
                    "repositories",
                    List.of("PyGithub/PyGithub"),
                    "max_pages",
                    1L)));
    out.add(
        c(
            "github",
            "search_issues",
            "github",
            u ->
                local(
                    u,
                    "token",
                    "ghp_example_token_1",
                    "search_query",
                    "compile language:C++",
                    "search_sort",
                    "comments",
                    "search_order",
                    "desc",
                    "max_pages",
                    1L)));
    out.add(
        c("github", "repositories", "github_docs", u -> local(u, "owners", List.of("octocat"))));
    out.add(
        c(
            "github",
            "pull_requests",
            "github_docs",
            u -> local(u, "repositories", List.of("octocat/Hello-World"))));
    out.add(
        c(
            "github",
            "stargazers",
            "github_docs",
            u -> local(u, "repositories", List.of("octocat/Hello-World"), "per_page", 2L)));
    out.add(
        c(
            "github",
            "search_repositories",
            "github_docs",
            u -> local(u, "repository_query", "tetris language:assembly")));
    // openaq
    Function<String, Map<String, Object>> openaq =
        u ->
            local(
                u,
                "api_key",
                "openaq-key-123",
                "location_ids",
                List.of("3"),
                "measurements_page_size",
                5L,
                "max_pages",
                1L);
    out.add(c("openaq", "locations", "openaq", u -> local(u, "api_key", "k-123456")));
    out.add(c("openaq", "sensors", "openaq", openaq));
    out.add(c("openaq", "measurements", "openaq", openaq));
    // coingecko
    out.add(
        c(
            "coingecko",
            "markets",
            "coingecko",
            u -> local(u, "ids", "bitcoin, ethereum", "vs_currency", "eth")));
    out.add(c("coingecko", "simple_price", "coingecko", u -> local(u, "ids", List.of("bitcoin"))));
    out.add(c("coingecko", "market_chart", "coingecko", u -> local(u, "ids", List.of("bitcoin"))));
    // yahoo finance
    out.add(
        new Case(
            "yahoo_finance",
            "chart",
            "yahoo_finance",
            window("2020-08-31T00:00:00Z", "2020-11-07T00:00:00Z"),
            u -> local(u, "symbols", List.of("AAPL"))));
    out.add(
        new Case(
            "yahoo_finance",
            "chart",
            "yahoo_finance",
            window("2021-02-01T00:00:00Z", "2022-01-31T00:00:00Z"),
            u -> local(u, "symbols", List.of("MSFT"), "events", "div")));
    // alpha vantage
    out.add(
        c(
            "alphavantage",
            "intraday",
            "alpha_vantage",
            u ->
                local(u, "api_key", "AV-KEY-123", "symbols", List.of("MSFT"), "interval", "1min")));
    out.add(
        c(
            "alphavantage",
            "daily",
            "alpha_vantage",
            u ->
                local(
                    u, "api_key", "AV-KEY-123", "symbols", List.of("IBM"), "output_size", "full")));
    out.add(
        c(
            "alphavantage",
            "global_quote",
            "alpha_vantage",
            u -> local(u, "api_key", "AV-KEY-123", "symbols", List.of("MSFT"))));
    // twitter
    Function<String, Map<String, Object>> twitter =
        u ->
            local(
                u,
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
    for (String s :
        List.of("recent_search", "user_tweets", "followers", "tweet_lookup", "recent_counts")) {
      out.add(c("twitter", s, "twitter", twitter));
    }
    // newsapi (doc-based)
    Function<String, Map<String, Object>> news = u -> local(u, "api_key", "news-key-123456");
    out.add(
        c(
            "newsapi",
            "everything",
            "newsapi",
            u -> with(news.apply(u), "query", "bitcoin", "page_size", 2L)));
    out.add(
        c(
            "newsapi",
            "top_headlines",
            "newsapi",
            u -> with(news.apply(u), "country", "us", "category", "business")));
    out.add(
        c(
            "newsapi",
            "sources",
            "newsapi",
            u -> with(news.apply(u), "category", "technology", "language", "en")));
    // gdelt (doc-based)
    out.add(
        c(
            "gdelt",
            "articles",
            "gdelt",
            u ->
                local(
                    u,
                    "query",
                    "climate",
                    "windows",
                    List.of(
                        Map.of("start", "20250101000000", "end", "20250102000000"),
                        Map.of("start", "20250102000000", "end", "20250103000000")))));
    out.add(
        c(
            "gdelt",
            "timeline_volume",
            "gdelt",
            u ->
                local(
                    u,
                    "query",
                    "climate",
                    "windows",
                    List.of(Map.of("start", "20250101000000", "end", "20250101010000")))));
    // etherscan (doc-based)
    out.add(
        c(
            "etherscan",
            "transactions",
            "etherscan",
            u ->
                local(
                    u,
                    "api_key",
                    "ETHERSCAN-KEY-1",
                    "addresses",
                    List.of(ADDRESS),
                    "page_size",
                    2L)));
    out.add(
        c(
            "etherscan",
            "token_transfers",
            "etherscan",
            u ->
                local(
                    u,
                    "api_key",
                    "ETHERSCAN-KEY-1",
                    "addresses",
                    List.of(ADDRESS),
                    "page_size",
                    100L)));
    // openweathermap (recorded current, doc-based forecast)
    out.add(
        c(
            "openweathermap",
            "current",
            "openweathermap",
            u -> local(u, "api_key", "owm-key-123", "cities", List.of("London,GB"))));
    out.add(
        c(
            "openweathermap",
            "forecast",
            "openweathermap_docs",
            u ->
                local(
                    u,
                    "api_key",
                    "owm-key-123",
                    "cities",
                    List.of("London,GB"),
                    "forecast_count",
                    2L)));
    // open-meteo (doc-based)
    out.add(
        c(
            "open_meteo",
            "forecast",
            "open_meteo",
            u ->
                local(
                    u,
                    "locations",
                    List.of(BERLIN),
                    "hourly",
                    List.of("temperature_2m", "precipitation"))));
    out.add(
        c(
            "open_meteo",
            "history",
            "open_meteo",
            u ->
                local(
                    u,
                    "archive_url",
                    u,
                    "locations",
                    List.of(BERLIN),
                    "hourly",
                    List.of("temperature_2m", "precipitation"),
                    "start_date",
                    "2024-01-01",
                    "end_date",
                    "2024-01-01")));
    return out;
  }

  static Stream<Case> reads() {
    return cases().stream();
  }

  @Test
  void everyBuiltInStreamIsReadHere() {
    Set<String> covered = new TreeSet<>();
    cases().forEach(c -> covered.add(c.connector() + "." + c.stream()));
    Set<String> all = new TreeSet<>();
    for (Manifest m : new ManifestCatalog().builtIns()) {
      m.streams().forEach(s -> all.add(m.name() + "." + s.name()));
    }
    assertThat(covered).isEqualTo(all);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reads")
  void discoverDeclaresASchemaTheRecordedRecordsValidateAgainst(Case c) throws Exception {
    FixtureServer.serve(wm, c.fixtures());
    Harness h = Harness.builtIn(c.connector());
    if (c.window() != null) {
      h.window(c.window());
    }
    Map<String, Object> config = c.config().apply(wm.baseUrl());

    StreamSpec spec;
    try (Connector connector = h.provider.create(h.context())) {
      spec =
          connector.discover(h.config(config)).stream()
              .filter(s -> s.name().equals(c.stream()))
              .findFirst()
              .orElseThrow();
    }
    Harness.Result r = h.read(c.stream(), config, Map.of()).orThrow();
    assertThat(r.records()).as("the fixtures give records").isNotEmpty();

    JsonNode schemaNode = JSON.valueToTree(spec.jsonSchema());
    assertThat(spec.jsonSchema())
        .as("%s declares a schema; the recorded records suggest:%n%s", c, suggest(r.records()))
        .containsEntry("type", "object")
        .containsKey("properties");
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) spec.jsonSchema().get("properties");
    assertThat(props.keySet())
        .as("%s: the primary key is declared", c)
        .containsAll(spec.primaryKey());
    spec.cursorField().ifPresent(f -> assertThat(props).as("%s: the cursor", c).containsKey(f));
    assertThat(spec.jsonSchema()).doesNotContainKey("additionalProperties");

    SchemaValidatorsConfig vc = SchemaValidatorsConfig.builder().build();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    Set<ValidationMessage> bad =
        factory.getSchema(SchemaLocation.of(DRAFT_2020_12), vc).validate(schemaNode);
    assertThat(bad).as("%s: the schema is a valid draft 2020-12 schema", c).isEmpty();
    JsonSchema schema = factory.getSchema(schemaNode, vc);
    List<String> problems = new ArrayList<>();
    for (Record rec : r.records()) {
      for (ValidationMessage m : schema.validate(JSON.valueToTree(rec.data()))) {
        if (problems.size() < 20) {
          problems.add(m.getMessage());
        }
      }
    }
    assertThat(problems)
        .as(
            "%s: records that do not fit the schema; the records suggest:%n%s",
            c, suggest(r.records()))
        .isEmpty();
    Set<String> seen = new TreeSet<>();
    r.records().forEach(rec -> seen.addAll(rec.data().keySet()));
    assertThat(props.keySet())
        .as("%s: every declared property is a field of the records", c)
        .isSubsetOf(seen);
  }

  /** A {@code properties} block (YAML flow style) from the JSON types of the records' fields. */
  static String suggest(List<Record> records) {
    Map<String, Set<String>> types = new TreeMap<>();
    List<String> order = new ArrayList<>();
    for (Record r : records) {
      for (Map.Entry<String, Object> e : r.data().entrySet()) {
        if (!types.containsKey(e.getKey())) {
          order.add(e.getKey());
        }
        types.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(kind(e.getValue()));
      }
    }
    for (Record r : records) {
      for (String f : order) {
        if (!r.data().containsKey(f)) {
          types.get(f).add("absent");
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String f : order) {
      sb.append("        ").append(f).append(": ").append(types.get(f)).append('\n');
    }
    return sb.toString();
  }

  private static String kind(Object v) {
    return switch (v) {
      case null -> "null";
      case String s -> "string";
      case Long l -> "integer";
      case Integer i -> "integer";
      case java.math.BigInteger b -> "integer";
      case java.math.BigDecimal d ->
          d.stripTrailingZeros().scale() <= 0 ? "integral-number" : "number";
      case Double d -> d == Math.rint(d) ? "integral-number" : "number";
      case Number n -> "number";
      case Boolean b -> "boolean";
      case Map<?, ?> m -> "object";
      case List<?> l -> "array";
      default -> v.getClass().getSimpleName();
    };
  }
}
