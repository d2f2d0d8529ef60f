package io.tributary.http.internal.scrape;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.tributary.http.testing.Harness;
import io.tributary.http.testing.JavaConnectorHarness;
import io.tributary.spi.CheckResult;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Connector;
import io.tributary.spi.PermanentException;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scrape connector against a local WireMock server serving this test's own small news site
 * ({@code src/test/resources/scrape/}: two pages and a robots.txt written for these tests).
 */
class ScrapeConnectorIT {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private final JavaConnectorHarness h = new JavaConnectorHarness(ScrapeConnectorProvider::new);

  private static byte[] resource(String name) {
    try (InputStream in = ScrapeConnectorIT.class.getResourceAsStream("/scrape/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void page(String path, String file) {
    wm.stubFor(
        get(urlEqualTo(path))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(resource(file))));
  }

  @BeforeEach
  void site() {
    wm.stubFor(
        get(urlEqualTo("/robots.txt"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain")
                    .withBody(resource("robots.txt"))));
    page("/news/", "news.html");
    page("/news/more.html", "more.html");
    page("/private/drafts.html", "more.html");
    page("/private/press/release.html", "more.html");
  }

  private static Map<String, Object> config(String... paths) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", Map.of("attr", "data-id"));
    fields.put("title", Map.of("selector", "h2.headline"));
    fields.put("url", Map.of("selector", "h2 a", "attr", "abs:href"));
    fields.put("author", "span.author");
    fields.put("published", Map.of("selector", "time", "attr", "datetime"));
    fields.put("summary", "p.summary");
    Map<String, Object> c = new LinkedHashMap<>();
    List<String> urls = new ArrayList<>();
    for (String p : paths) {
      urls.add(p.startsWith("http") ? p : base() + p);
    }
    c.put("urls", urls);
    c.put("allowed_hosts", List.of("127.0.0.1"));
    c.put("item_selector", "article.story");
    c.put("fields", fields);
    c.put("primary_key", List.of("url"));
    c.put("delay", "2s");
    c.put("allow_private_addresses", List.of("127.0.0.1"));
    return c;
  }

  /** The server by address: wm.baseUrl() names localhost, which the allowlist tests keep out. */
  private static String base() {
    return "http://127.0.0.1:" + wm.getPort();
  }

  private static Map<String, Object> with(Map<String, Object> c, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(c);
    m.put(key, value);
    return m;
  }

  /** Request paths in the order the server received them. */
  private static List<String> requested() {
    List<String> out = new ArrayList<>();
    List<ServeEvent> events = wm.getAllServeEvents();
    for (int i = events.size() - 1; i >= 0; i--) {
      out.add(events.get(i).getRequest().getUrl());
    }
    return out;
  }

  @Test
  void itemsAreSelectedWithCssSelectorsTextAndAttributes() {
    Harness.Result r = h.read(config("/news/", "/news/more.html"), Map.of());

    List<Record> items = r.orThrow().records();
    assertThat(items).hasSize(4);
    Map<String, Object> first = items.get(0).data();
    assertThat(first)
        .containsEntry("page_url", base() + "/news/")
        .containsEntry("id", "rg-1041")
        .containsEntry("title", "Old bridge reopens after two-year repair")
        .containsEntry("url", base() + "/news/2025/02/28/bridge-reopens.html")
        .containsEntry("author", "Mara Lindqvist")
        .containsEntry("published", "2025-02-28T09:15:00Z")
        .containsEntry(
            "summary",
            "The 1911 iron bridge carries traffic again; cyclists get a lane of their own.");
    assertThat(items.get(1).get("summary"))
        .isEqualTo("From March the central library opens until 8 pm on Saturdays & Sundays.");
    assertThat(items.get(2).get("author")).isNull();
    assertThat(items.get(2).get("url"))
        .isEqualTo("https://sport.riverside.example/2025/02/27/derby.html");
    assertThat(items.get(3).get("page_url")).isEqualTo(base() + "/news/more.html");
    // the story without a link has no primary key: quarantined, not emitted
    assertThat(r.emitter().rejects())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.reason()).contains("'url'");
              assertThat(x.origin()).endsWith("/news/more.html#1");
            });
    assertThat(items).noneMatch(x -> "Advertisement".equals(x.get("title")));
  }

  @Test
  void requestsToOneHostWaitThePoliteDelayOnTheInjectedClock() {
    Instant start = h.clock.instant();

    h.read(config("/news/", "/news/more.html"), Map.of()).orThrow();

    assertThat(requested()).containsExactly("/robots.txt", "/news/", "/news/more.html");
    assertThat(h.sleeper.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(Duration.between(start, h.clock.instant())).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void aPathDisallowedByRobotsTxtIsNeverFetched() {
    Harness.Result r =
        h.read(config("/private/drafts.html", "/private/press/release.html", "/news/"), Map.of());

    wm.verify(0, getRequestedFor(urlEqualTo("/private/drafts.html")));
    wm.verify(1, getRequestedFor(urlEqualTo("/private/press/release.html")));
    assertThat(r.records()).hasSize(3 + 1);
    assertThat(r.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("1 of 3 pages")
        .hasMessageContaining("/private/drafts.html")
        .hasMessageContaining("robots.txt disallows it ('/private/')");
  }

  @Test
  void theGroupNamingTheCrawlerWinsOverTheStarGroup() {
    Harness.Result r =
        h.read(with(config("/news/"), "user_agent", "BadBot/2.1 (+ops@example.test)"), Map.of());

    assertThat(requested()).containsExactly("/robots.txt");
    assertThat(r.records()).isEmpty();
    assertThat(r.error()).hasMessageContaining("robots.txt disallows it ('/')");
  }

  @Test
  void aMissingRobotsTxtAllowsEverythingAndAnUnreachableOneNothing() {
    wm.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(404)));
    Harness.Result missing = h.read(config("/private/drafts.html"), Map.of());
    wm.resetRequests();
    wm.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(503)));
    Harness.Result unreachable =
        new JavaConnectorHarness(ScrapeConnectorProvider::new).read(config("/news/"), Map.of());

    assertThat(missing.orThrow().records()).hasSize(1);
    assertThat(requested()).allMatch(p -> p.equals("/robots.txt")).isNotEmpty();
    assertThat(unreachable.records()).isEmpty();
    assertThat(unreachable.error()).hasMessageContaining("RFC 9309").hasMessageContaining("503");
  }

  @Test
  void aUrlOutsideTheAllowlistIsAConfigurationErrorBeforeAnyRequest() {
    Map<String, Object> c =
        config("/news/", "http://localhost:" + wm.getPort() + "/news/more.html");

    Harness.Result r = h.read(c, Map.of());

    assertThat(r.error())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("urls[1]")
        .hasMessageContaining("host 'localhost' is not in allowed_hosts (127.0.0.1)");
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aRedirectOutsideTheAllowlistIsRefused() {
    wm.stubFor(
        get(urlEqualTo("/moved"))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://localhost:" + wm.getPort() + "/news/")));

    Harness.Result r =
        h.read(
            with(config("/moved"), "allow_private_addresses", List.of("127.0.0.1", "::1")),
            Map.of());

    assertThat(r.error()).hasMessageContaining("not in the connector's allowed_hosts");
    wm.verify(0, getRequestedFor(urlEqualTo("/news/")));
  }

  @Test
  void aRecordedRunReplaysWithoutNetwork(@TempDir Path dir) {
    Harness.Result live =
        h.baseDir(dir)
            .options(Map.of("record_dir", "cassettes"))
            .read(config("/news/"), Map.of())
            .orThrow();
    wm.resetAll();
    JavaConnectorHarness replay =
        new JavaConnectorHarness(ScrapeConnectorProvider::new)
            .baseDir(dir)
            .options(Map.of("replay_dir", "cassettes"));
    Harness.Result replayed = replay.read(config("/news/"), Map.of()).orThrow();

    assertThat(replayed.records()).hasSize(3);
    assertThat(replayed.records().stream().map(Record::data).toList())
        .isEqualTo(live.records().stream().map(Record::data).toList());
    assertThat(replay.sleeper.sleeps()).isEmpty();
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void discoverGivesTheSchemaAndKeyAndCheckFetchesTheFirstPage() {
    try (Connector c = h.provider.create(h.context())) {
      StreamSpec spec = c.discover(h.config(config("/news/"))).get(0);
      CheckResult ok = c.check(h.config(config("/news/")));
      CheckResult refused = c.check(h.config(config("/private/drafts.html")));

      assertThat(spec.name()).isEqualTo("items");
      assertThat(spec.primaryKey()).containsExactly("url");
      @SuppressWarnings("unchecked")
      Map<String, Object> props = (Map<String, Object>) spec.jsonSchema().get("properties");
      assertThat(props.keySet())
          .containsExactly("page_url", "id", "title", "url", "author", "published", "summary");
      assertThat(ok.ok()).isTrue();
      assertThat(ok.message()).contains("3 items");
      assertThat(refused.ok()).isFalse();
      assertThat(refused.message()).contains("robots.txt disallows");
    }
  }

  @Test
  void badSelectorsFieldsAndKeysAreReportedTogether() {
    Map<String, Object> c = config("/news/");
    c.put("item_selector", "article[");
    c.put("fields", Map.of("Title", "h2", "page_url", "a", "link", Map.of("selectr", "a")));
    c.put("primary_key", List.of("slug"));

    Harness.Result r = h.read(c, Map.of());

    assertThat(r.error())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("item_selector")
        .hasMessageContaining("fields.Title")
        .hasMessageContaining("fields.page_url")
        .hasMessageContaining("fields.link.selectr")
        .hasMessageContaining("'slug' is not one of the fields");
    wm.verify(0, anyRequestedFor(anyUrl()));
  }
}
