package io.tributary.http.internal.scrape;

import io.tributary.http.internal.manifest.Durations;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * A scrape configuration, checked as a whole: every problem is reported at once, and a URL whose
 * host is not in {@code allowed_hosts} is refused here, before anything is fetched.
 */
record ScrapeSettings(
    List<URI> urls,
    Set<String> allowedHosts,
    String itemSelectorText,
    Evaluator itemSelector,
    Map<String, Field> fields,
    List<String> primaryKey,
    Duration delay,
    String userAgent,
    List<String> allowPrivateAddresses) {

  /** The field every record carries: the URL of the page it was found on. */
  static final String PAGE_URL = "page_url";

  private static final String NAME = "[a-z_][a-z0-9_]*";

  /**
   * One output field.
   *
   * @param selector CSS selector relative to the item, or {@code null} for the item itself
   * @param attr the attribute to read ({@code abs:href} resolves a link), or {@code null} for the
   *     element's text
   */
  record Field(String selectorText, Evaluator selector, String attr) {}

  static ScrapeSettings from(Config config) {
    List<ConfigProblem> problems = new ArrayList<>();

    Set<String> hosts = new TreeSet<>();
    for (String h : config.strings("allowed_hosts")) {
      if (!h.isBlank()) {
        hosts.add(h.strip().toLowerCase(Locale.ROOT));
      }
    }
    if (hosts.isEmpty()) {
      problems.add(
          ConfigProblem.at(
              "allowed_hosts", null, "'allowed_hosts' must list the host names you may scrape"));
    }

    LinkedHashSet<URI> urls = new LinkedHashSet<>();
    List<String> given = config.strings("urls");
    if (given.isEmpty()) {
      problems.add(ConfigProblem.at("urls", null, "'urls' must list at least one page URL"));
    }
    for (int i = 0; i < given.size(); i++) {
      String text = given.get(i);
      String path = "urls[" + i + "]";
      URI u;
      try {
        u = new URI(text.strip());
      } catch (URISyntaxException e) {
        problems.add(ConfigProblem.at(path, text, "not a valid URL: " + e.getReason()));
        continue;
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        problems.add(ConfigProblem.at(path, text, "a page must be an absolute http or https URL"));
      } else if (!hosts.isEmpty() && !hosts.contains(u.getHost().toLowerCase(Locale.ROOT))) {
        problems.add(
            ConfigProblem.at(
                path,
                text,
                "host '"
                    + u.getHost()
                    + "' is not in allowed_hosts ("
                    + String.join(", ", hosts)
                    + "); add it there if you really mean to scrape it"));
      } else if (!urls.add(u)) {
        problems.add(ConfigProblem.at(path, text, "this URL is listed twice"));
      }
    }

    String itemText = config.optString("item_selector").orElse("");
    Evaluator item = selector("item_selector", itemText, problems);

    Map<String, Field> fields = new LinkedHashMap<>();
    Map<String, Object> rawFields = config.object("fields");
    if (rawFields.isEmpty()) {
      problems.add(
          ConfigProblem.at(
              "fields", null, "'fields' must name at least one field: {name: {selector, attr}}"));
    }
    rawFields.forEach(
        (name, spec) -> {
          String path = "fields." + name;
          if (!name.matches(NAME)) {
            problems.add(
                ConfigProblem.at(
                    path,
                    null,
                    "a field name must be lower case letters, digits and '_', not starting with a"
                        + " digit"));
            return;
          }
          if (name.equals(PAGE_URL)) {
            problems.add(
                ConfigProblem.at(
                    path,
                    null,
                    "'" + PAGE_URL + "' is added to every record; choose another name"));
            return;
          }
          Field f = field(path, spec, problems);
          if (f != null) {
            fields.put(name, f);
          }
        });

    List<String> key = config.strings("primary_key");
    for (String k : key) {
      if (!k.equals(PAGE_URL) && !rawFields.containsKey(k)) {
        problems.add(
            ConfigProblem.at(
                "primary_key",
                k,
                "'"
                    + k
                    + "' is not one of the fields ("
                    + String.join(", ", rawFields.keySet())
                    + ") nor "
                    + PAGE_URL));
      }
    }

    Duration delay = Duration.ofSeconds(1);
    String delayText = config.optString("delay").orElse("1s");
    try {
      delay = Durations.parse(delayText);
      if (delay.compareTo(Duration.ofMillis(100)) < 0) {
        problems.add(
            ConfigProblem.at(
                "delay",
                delayText,
                "the delay between requests to one host must be at least 100ms"));
      }
    } catch (IllegalArgumentException e) {
      problems.add(ConfigProblem.at("delay", delayText, e.getMessage()));
    }

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ScrapeSettings(
        List.copyOf(urls),
        Set.copyOf(hosts),
        itemText,
        item,
        fields,
        key,
        delay,
        config.optString("user_agent").orElse(ScrapeConnector.DEFAULT_AGENT),
        config.strings("allow_private_addresses"));
  }

  private static Field field(String path, Object spec, List<ConfigProblem> problems) {
    if (spec instanceof String s) {
      Evaluator e = selector(path, s, problems);
      return e == null ? null : new Field(s, e, null);
    }
    if (!(spec instanceof Map<?, ?> m)) {
      problems.add(
          ConfigProblem.at(path, spec, "a field is a selector or a mapping {selector, attr}"));
      return null;
    }
    for (Object k : m.keySet()) {
      if (!"selector".equals(k) && !"attr".equals(k)) {
        problems.add(
            ConfigProblem.at(
                path + "." + k, null, "unknown key '" + k + "'; expected selector or attr"));
      }
    }
    Object sel = m.get("selector");
    Object attr = m.get("attr");
    if (sel != null && !(sel instanceof String)) {
      problems.add(ConfigProblem.at(path + ".selector", sel, "'selector' must be a string"));
      return null;
    }
    if (attr != null && !(attr instanceof String)) {
      problems.add(ConfigProblem.at(path + ".attr", attr, "'attr' must be a string"));
      return null;
    }
    if (sel == null && attr == null) {
      problems.add(ConfigProblem.at(path, null, "give a selector, an attr of the item, or both"));
      return null;
    }
    String selText = (String) sel;
    Evaluator e = null;
    if (selText != null && !selText.isBlank()) {
      e = selector(path + ".selector", selText, problems);
      if (e == null) {
        return null;
      }
    }
    String a = attr == null || ((String) attr).isBlank() ? null : ((String) attr).strip();
    return new Field(e == null ? null : selText, e, a);
  }

  private static Evaluator selector(String path, String text, List<ConfigProblem> problems) {
    if (text == null || text.isBlank()) {
      problems.add(ConfigProblem.at(path, text, "a CSS selector is required"));
      return null;
    }
    try {
      return QueryParser.parse(text);
    } catch (RuntimeException e) {
      problems.add(ConfigProblem.at(path, text, "not a valid CSS selector: " + e.getMessage()));
      return null;
    }
  }
}
