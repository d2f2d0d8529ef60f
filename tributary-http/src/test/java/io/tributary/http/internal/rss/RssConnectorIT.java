package io.tributary.http.internal.rss;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tributary.http.testing.FixtureServer;
import io.tributary.http.testing.Harness;
import io.tributary.http.testing.JavaConnectorHarness;
import io.tributary.spi.CheckResult;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.PermanentException;
import io.tributary.spi.Record;
import io.tributary.spi.RetriableException;
import io.tributary.spi.StreamSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rss connector on the real recorded feeds in {@code fixtures/rss} (see its ATTRIBUTION.md),
 * served by a local WireMock server. Status 200 and the Content-Type are this test's assumption:
 * the origin recorded only the documents.
 */
class RssConnectorIT {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  /** file -> path it is served at: the recorded path where index.json has one. */
  private static final Map<String, String> PATHS = new LinkedHashMap<>();

  static {
    PATHS.put("guardian_us_rss2.xml", "/guardian/us/rss");
    PATHS.put("heise_developer_news_atom.xml", "/developer/rss/news-atom.xml");
    PATHS.put("reddit_frontpage_rss2.xml", "/.rss");
    PATHS.put("craigslist_sfbay_apa_rss1_rdf.xml", "/search/apa?format=rss");
    PATHS.put("blogger_feedburner_atom.xml", "/blogger/feeds/posts/default");
  }

  private final JavaConnectorHarness h = new JavaConnectorHarness(RssConnectorProvider::new);

  private static void serve(String file) {
    wm.stubFor(
        get(urlEqualTo(PATHS.get(file)))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/xml")
                    .withBody(FixtureServer.body("rss", file))));
  }

  private static String url(String file) {
    return wm.baseUrl() + PATHS.get(file);
  }

  private static Map<String, Object> config(String... feeds) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("feeds", List.of(feeds));
    c.put("allow_private_addresses", List.of("127.0.0.1"));
    return c;
  }

  private static List<Record> of(Harness.Result r, String feed) {
    return r.records().stream().filter(x -> feed.equals(x.get("feed_url"))).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void readsRss1Rss2AndAtomFeedsWithGuidOrLinkAsKey() {
    PATHS.keySet().forEach(RssConnectorIT::serve);
    String[] feeds = PATHS.keySet().stream().map(RssConnectorIT::url).toArray(String[]::new);

    Harness.Result r = h.read(config(feeds), Map.of()).orThrow();

    List<Record> guardian = of(r, url("guardian_us_rss2.xml"));
    assertThat(guardian).hasSize(55);
    Record first = guardian.get(0);
    assertThat(first.get("id"))
        .isEqualTo(
            "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord");
    assertThat(first.get("feed_title")).isEqualTo("The Guardian");
    assertThat(first.get("title")).isNotNull();
    assertThat((List<?>) first.get("categories")).isNotEmpty();

    List<Record> craigslist = of(r, url("craigslist_sfbay_apa_rss1_rdf.xml"));
    assertThat(craigslist).hasSize(25);
    assertThat(craigslist.get(0).get("id"))
        .isEqualTo("http://sfbay.craigslist.org/eby/apa/6186664607.html");

    List<Record> heise = of(r, url("heise_developer_news_atom.xml"));
    assertThat(heise).hasSize(15);
    assertThat(heise).allSatisfy(x -> assertThat((String) x.get("id")).startsWith("http"));
    assertThat(heise.get(0).get("date")).isEqualTo("2016-02-01T16:54:50Z");

    List<Record> reddit = of(r, url("reddit_frontpage_rss2.xml"));
    assertThat(reddit).hasSize(24);
    assertThat(reddit.get(0).get("id"))
        .isEqualTo(
            "https://www.reddit.com/r/funny/comments/3skxqc/the_water_is_too_deep_so_he_improvises/");
    assertThat(reddit.get(0).get("published")).isEqualTo("2015-11-12T21:16:39Z");

    assertThat(of(r, url("blogger_feedburner_atom.xml"))).hasSize(25);
    // every record has a key and a date, and ids are unique per feed
    assertThat(r.records()).allSatisfy(x -> assertThat(x.get("id")).isNotNull());
    assertThat(r.records().stream().map(x -> x.get("feed_url") + " " + x.get("id")).distinct())
        .hasSize(r.records().size());
    assertThat(r.emitter().rejects()).isEmpty();
    // one checkpoint per feed, the last one covering all five
    assertThat(r.checkpoints()).hasSize(5);
    assertThat((Map<?, ?>) r.state().get("feeds")).hasSize(5);
  }

  @Test
  void aFeedWithADoctypeIsRefusedAndNoEntityIsResolved() {
    String evil =
        """
        <?xml version="1.0"?>
        <!DOCTYPE rss [
          <!ENTITY local SYSTEM "file:///etc/passwd">
          <!ENTITY remote SYSTEM "%s/evil.dtd">
        ]>
        <rss version="2.0"><channel><title>t</title><link>http://x.test/</link>
          <description>d</description>
          <item><title>&local;&remote;</title><guid>g1</guid></item>
        </channel></rss>
        """
            .formatted(wm.baseUrl());
    wm.stubFor(
        get(urlEqualTo("/evil.rss"))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/rss+xml").withBody(evil)));
    wm.stubFor(get(urlEqualTo("/evil.dtd")).willReturn(aResponse().withBody("root:x:0:0")));

    Harness.Result r = h.read(config(wm.baseUrl() + "/evil.rss"), Map.of());

    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("DOCTYPE")
        .hasMessageContaining("XXE");
    assertThat(r.records()).isEmpty();
    wm.verify(0, getRequestedFor(urlEqualTo("/evil.dtd")));
  }

  @Test
  void anRss091FeedWithNetscapesPublicDoctypeIsReadButAnyOtherDoctypeIsNot() {
    // written for this test: the shape of a Netscape-era RSS 0.91 feed
    String rss091 =
        """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
          "http://my.netscape.com/publish/formats/rss-0.91.dtd">
        <rss version="0.91"><channel>
          <title>Riverside Gazette</title><link>https://riverside.example/</link>
          <description>Local news</description><language>en-us</language>
          <item><title>Bridge reopens</title>
            <link>https://riverside.example/news/bridge.html</link>
            <description>After two years.</description></item>
          <item><title>Library hours</title>
            <link>https://riverside.example/news/library.html</link></item>
        </channel></rss>
        """;
    String sneaky =
        rss091.replace(
            "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">",
            "\"%s/evil.dtd\" [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>".formatted(wm.baseUrl()));
    wm.stubFor(
        get(urlEqualTo("/091.rss"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/xml")
                    .withBody(rss091.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
    wm.stubFor(get(urlEqualTo("/sneaky.rss")).willReturn(aResponse().withBody(sneaky)));

    Harness.Result ok = h.read(config(wm.baseUrl() + "/091.rss"), Map.of()).orThrow();
    Harness.Result refused = h.read(config(wm.baseUrl() + "/sneaky.rss"), Map.of());

    assertThat(ok.records())
        .extracting(x -> x.get("id"))
        .containsExactly(
            "https://riverside.example/news/bridge.html",
            "https://riverside.example/news/library.html");
    assertThat(ok.records().get(0).get("summary")).isEqualTo("After two years.");
    assertThat(refused.error()).hasMessageContaining("DOCTYPE");
    wm.verify(0, getRequestedFor(urlEqualTo("/evil.dtd")));
  }

  @Test
  void aBackfillWindowEmitsItsItemsWithoutConditionalHeadersOrState() {
    serve("craigslist_sfbay_apa_rss1_rdf.xml");
    String feed = url("craigslist_sfbay_apa_rss1_rdf.xml");
    Harness.Result all = h.read(config(feed), Map.of()).orThrow();
    Instant from = Instant.parse("2017-06-21T17:32:00Z");
    Instant to = Instant.parse("2017-06-21T17:33:10Z");
    long inside =
        all.records().stream()
            .map(x -> Instant.parse((String) x.get("date")))
            .filter(d -> !d.isBefore(from) && d.isBefore(to))
            .count();
    wm.resetRequests();

    Harness.Result window =
        new JavaConnectorHarness(RssConnectorProvider::new)
            .window(new io.tributary.spi.ConnectorContext.Window(from, to))
            .read(config(feed), all.state())
            .orThrow();

    assertThat(inside).isBetween(1L, (long) all.records().size() - 1);
    assertThat(window.records()).hasSize((int) inside);
    assertThat(window.checkpoints()).isEmpty();
    wm.verify(
        getRequestedFor(urlEqualTo(PATHS.get("craigslist_sfbay_apa_rss1_rdf.xml")))
            .withHeader("If-None-Match", absent())
            .withHeader("If-Modified-Since", absent()));
  }

  @Test
  void theSecondRunSendsTheStoredEtagAndLastModifiedAndA304EmitsNothing() {
    String path = PATHS.get("heise_developer_news_atom.xml");
    String lastModified = "Mon, 01 Feb 2016 16:55:00 GMT";
    wm.stubFor(
        get(urlEqualTo(path))
            .withHeader("If-None-Match", absent())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/atom+xml")
                    .withHeader("ETag", "\"heise-v1\"")
                    .withHeader("Last-Modified", lastModified)
                    .withBody(FixtureServer.body("rss", "heise_developer_news_atom.xml"))));
    wm.stubFor(
        get(urlEqualTo(path))
            .withHeader("If-None-Match", matching("\"heise-v1.*"))
            .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"heise-v1\"")));
    String feed = wm.baseUrl() + path;

    Harness.Result firstRun = h.read(config(feed), Map.of()).orThrow();
    Map<?, ?> stored = (Map<?, ?>) ((Map<?, ?>) firstRun.state().get("feeds")).get(feed);
    Harness.Result secondRun = h.read(config(feed), firstRun.state()).orThrow();

    assertThat(firstRun.records()).hasSize(15);
    // the server's gzip layer decorates the ETag (Jetty adds --gzip and strips it again from
    // If-None-Match before WireMock sees it): it is stored and sent back as received
    String etag = (String) stored.get("etag");
    assertThat(etag).startsWith("\"heise-v1");
    assertThat(stored.get("last_modified")).isEqualTo(lastModified);
    assertThat(stored.get("cursor")).isEqualTo("2016-02-01T16:54:50Z");
    wm.verify(
        getRequestedFor(urlEqualTo(path))
            .withHeader("If-None-Match", matching("\"heise-v1.*"))
            .withHeader("If-Modified-Since", equalTo(lastModified)));
    assertThat(secondRun.records()).isEmpty();
    assertThat(secondRun.checkpoints()).isEmpty();
  }

  @Test
  void aReRunEmitsOnlyItemsNewerThanTheStoredCursor() {
    serve("guardian_us_rss2.xml");
    String feed = url("guardian_us_rss2.xml");
    Harness.Result full = h.read(config(feed), Map.of()).orThrow();
    List<Instant> dates =
        full.records().stream().map(x -> Instant.parse((String) x.get("date"))).sorted().toList();
    Instant middle = dates.get(dates.size() / 2);
    long newer = dates.stream().filter(d -> d.isAfter(middle)).count();
    Map<String, Object> state = Map.of("feeds", Map.of(feed, Map.of("cursor", middle.toString())));

    Harness.Result again = h.read(config(feed), state).orThrow();
    Harness.Result unchanged = h.read(config(feed), full.state()).orThrow();

    assertThat(newer).isBetween(1L, (long) dates.size() - 1);
    assertThat(again.records()).hasSize((int) newer);
    assertThat(again.records())
        .allSatisfy(x -> assertThat(Instant.parse((String) x.get("date"))).isAfter(middle));
    assertThat(unchanged.records()).isEmpty();
    assertThat(((Map<?, ?>) ((Map<?, ?>) again.state().get("feeds")).get(feed)).get("cursor"))
        .isEqualTo(dates.get(dates.size() - 1).toString());
  }

  @Test
  void oneFailingFeedDoesNotStopTheOthers() {
    wm.stubFor(get(urlPathEqualTo("/broken.rss")).willReturn(aResponse().withStatus(503)));
    wm.stubFor(
        get(urlPathEqualTo("/not-a-feed"))
            .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<html>")));
    serve("reddit_frontpage_rss2.xml");
    String broken = wm.baseUrl() + "/broken.rss";
    String notAFeed = wm.baseUrl() + "/not-a-feed";
    String good = url("reddit_frontpage_rss2.xml");

    Harness.Result r = h.read(config(broken, notAFeed, good), Map.of());

    assertThat(r.records())
        .hasSize(24)
        .allSatisfy(x -> assertThat(x.get("feed_url")).isEqualTo(good));
    assertThat(map(r.state().get("feeds")).keySet()).containsExactly(good);
    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("2 of 3 feeds failed")
        .hasMessageContaining("/broken.rss")
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("/not-a-feed");
    // retried with backoff on the fake clock, not with real sleeping
    assertThat(h.sleeper.sleeps()).isNotEmpty();
  }

  @Test
  void onlyRetriableFailuresGiveARetriableError() {
    wm.stubFor(get(urlPathEqualTo("/down.rss")).willReturn(aResponse().withStatus(502)));

    Harness.Result r = h.read(config(wm.baseUrl() + "/down.rss"), Map.of());

    assertThat(r.error()).isInstanceOf(RetriableException.class).hasMessageContaining("1 of 1");
  }

  @Test
  void loopbackFeedsAreRefusedUnlessAllowed() {
    serve("reddit_frontpage_rss2.xml");

    Harness.Result r = h.read(Map.of("feeds", List.of(url("reddit_frontpage_rss2.xml"))), Map.of());

    assertThat(r.error())
        .hasMessageContaining("loopback")
        .hasMessageContaining("allow_private_addresses");
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aRecordedRunReplaysWithoutNetwork(@TempDir Path dir) throws Exception {
    serve("craigslist_sfbay_apa_rss1_rdf.xml");
    Map<String, Object> config = config(url("craigslist_sfbay_apa_rss1_rdf.xml"));

    Harness.Result live =
        h.baseDir(dir).options(Map.of("record_dir", "cassettes")).read(config, Map.of()).orThrow();
    long cassettes;
    try (Stream<Path> s = Files.list(dir.resolve("cassettes"))) {
      cassettes = s.count();
    }
    wm.resetAll();
    Harness.Result replayed =
        new JavaConnectorHarness(RssConnectorProvider::new)
            .baseDir(dir)
            .options(Map.of("replay_dir", "cassettes"))
            .read(config, Map.of())
            .orThrow();

    assertThat(cassettes).isEqualTo(1);
    assertThat(replayed.records()).hasSize(25);
    assertThat(replayed.records().stream().map(Record::data).toList())
        .isEqualTo(live.records().stream().map(Record::data).toList());
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void discoverDescribesTheStreamAndCheckReadsEveryFeed() {
    serve("heise_developer_news_atom.xml");
    wm.stubFor(get(urlEqualTo("/gone.rss")).willReturn(aResponse().withStatus(404)));
    try (Connector c = h.provider.create(h.context())) {
      StreamSpec spec = c.discover(h.config(config(url("heise_developer_news_atom.xml")))).get(0);
      CheckResult ok = c.check(h.config(config(url("heise_developer_news_atom.xml"))));
      CheckResult gone = c.check(h.config(config(wm.baseUrl() + "/gone.rss")));

      assertThat(spec.name()).isEqualTo("items");
      assertThat(spec.primaryKey()).containsExactly("feed_url", "id");
      assertThat(spec.cursorField()).isEqualTo(Optional.of("date"));
      assertThat(map(spec.jsonSchema().get("properties")).keySet())
          .contains("id", "title", "link", "published", "updated", "date", "categories");
      assertThat(ok.ok()).isTrue();
      assertThat(ok.message()).contains("15 items");
      assertThat(gone.ok()).isFalse();
      assertThat(gone.message()).contains("HTTP 404").contains("/gone.rss");
    }
  }

  @Test
  void badFeedUrlsAreConfigurationErrors() {
    Harness.Result r = h.read(Map.of("feeds", List.of("ftp://x.test/feed", "not a url")), Map.of());

    assertThat(r.error())
        .isInstanceOf(io.tributary.spi.ConfigException.class)
        .hasMessageContaining("feeds[0]")
        .hasMessageContaining("feeds[1]");
  }

  @Test
  void bothJavaConnectorsAreFoundThroughServiceLoader() {
    List<String> names =
        ServiceLoader.load(ConnectorProvider.class).stream().map(p -> p.get().name()).toList();

    assertThat(names).contains("rss", "scrape");
  }
}
