package io.tributary.http.internal.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.http.ManifestCatalog;
import io.tributary.http.internal.manifest.Manifest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated connector pages state what the manifests declare. */
class ConnectorReferenceTest {
  private static final Map<String, String> PAGES = new ManifestCatalog().referencePages();

  @Test
  void everyBuiltInHasAPageListedInTheIndex() {
    for (var m : new ManifestCatalog().builtIns()) {
      assertThat(PAGES).containsKey(m.name() + ".md");
      assertThat(PAGES.get("README.md")).contains("[`" + m.name() + "`](" + m.name() + ".md)");
    }
  }

  @Test
  void aPageShowsStreamsKeysCursorsSecretsAuthLimitsAndErrors() {
    String news = PAGES.get("newsapi.md");

    assertThat(news)
        .contains("| `everything` | `url` | `publishedAt` (datetime, descending) | — |")
        .contains("| `api_key` | string | yes | **secret** |")
        .contains("API key in the header `X-Api-Key`")
        .contains("Quota: 100 requests per day per credential")
        .contains("The Developer (free) plan allows 100 requests per day")
        .contains("| `/code` equals `rateLimited` | fail |")
        .contains("    api_key: ${NEWSAPI_API_KEY}");
    assertThat(PAGES.get("gdelt.md"))
        .contains("- no credentials (keyless)")
        .doesNotContain("${GDELT")
        .contains("| `articles` | `url` | — (full refresh) | `window` |");
    assertThat(PAGES.get("etherscan.md"))
        .contains("`blockNumber` (number, ascending)")
        .contains("query parameter `apikey`");
    assertThat(PAGES.get("reddit.md")).contains("OAuth2 `password` grant");
  }

  @Test
  void aPageListsTheFieldsEachStreamDeclares() {
    assertThat(PAGES.get("coingecko.md"))
        .contains("## Fields")
        .contains("| `markets` | `id` string, `symbol` string,")
        .contains("`fully_diluted_valuation` number or null");
    for (Manifest m : new ManifestCatalog().builtIns()) {
      for (Manifest.Stream s : m.streams()) {
        String page = PAGES.get(m.name() + ".md");
        String fields = page.substring(page.indexOf("## Fields"), page.indexOf("## Configuration"));
        assertThat(fields).contains("| `" + s.name() + "` | `");
      }
    }
  }
}
