package io.tributary.http.internal.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RobotsTest {
  private static final String TXT =
      """
      User-agent: *
      Disallow: /private/
      Allow: /private/press/
      Disallow: /*.pdf$
      Disallow: /search?q=
      Disallow:

      # a group for two crawlers
      User-agent: Tributary-scrape
      User-agent: OtherBot
      Disallow: /no-bots   # trailing comment
      Allow: /no-bots/ok

      User-agent: Strict
      Disallow: /
      Allow: /$
      """;

  private static boolean allows(Robots r, String path) {
    return r.allows(URI.create("https://site.test" + path));
  }

  @Test
  void theStarGroupAppliesToAnUnnamedCrawlerWithLongestMatchWinning() {
    Robots r = Robots.parse(TXT, "SomeBot");

    assertThat(allows(r, "/news/")).isTrue();
    assertThat(allows(r, "/private/x.html")).isFalse();
    assertThat(allows(r, "/private/press/x.html")).isTrue();
    assertThat(allows(r, "/docs/a.pdf")).isFalse();
    assertThat(allows(r, "/docs/a.pdf?download=1")).isTrue();
    assertThat(allows(r, "/search?q=rivers")).isFalse();
    assertThat(allows(r, "/search")).isTrue();
    assertThat(r.why(URI.create("https://site.test/private/")))
        .isEqualTo("robots.txt disallows it ('/private/')");
  }

  @Test
  void aNamedGroupReplacesTheStarGroupAndMatchesCaseInsensitively() {
    Robots r = Robots.parse(TXT, "tributary-SCRAPE");

    assertThat(allows(r, "/private/x.html")).isTrue();
    assertThat(allows(r, "/no-bots/page")).isFalse();
    assertThat(allows(r, "/no-bots/ok")).isTrue();
  }

  @Test
  void anAnchoredAllowOpensOnlyTheExactPath() {
    Robots r = Robots.parse(TXT, "Strict");

    assertThat(allows(r, "/")).isTrue();
    assertThat(allows(r, "/index.html")).isFalse();
    assertThat(allows(r, "/robots.txt")).isTrue();
  }

  @Test
  void anEqualLengthTieGoesToAllow() {
    Robots r = Robots.parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "x");

    assertThat(allows(r, "/a/b")).isTrue();
  }

  @Test
  void missingAndUnreachableFilesAllowEverythingAndNothing() {
    assertThat(allows(Robots.allowAll(), "/anything")).isTrue();
    Robots none = Robots.disallowAll("robots.txt answered 503");
    assertThat(allows(none, "/anything")).isFalse();
    assertThat(none.why(URI.create("https://site.test/x"))).isEqualTo("robots.txt answered 503");
    assertThat(allows(none, "/robots.txt")).isTrue();
  }

  @Test
  void theProductTokenIsTheUserAgentsFirstWord() {
    assertThat(ScrapeConnector.productToken("BadBot/2.1 (+ops@example.test)")).isEqualTo("BadBot");
    assertThat(ScrapeConnector.productToken("Tributary-scrape/0.1")).isEqualTo("Tributary-scrape");
  }
}
