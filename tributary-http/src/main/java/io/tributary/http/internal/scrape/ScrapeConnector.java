package io.tributary.http.internal.scrape;

import io.tributary.http.internal.engine.HttpExecutor;
import io.tributary.http.internal.engine.HttpRuntime;
import io.tributary.http.internal.engine.HttpSession;
import io.tributary.http.internal.engine.SourceResources;
import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.manifest.ManifestLoader;
import io.tributary.http.internal.net.AddressGuard;
import io.tributary.http.internal.net.HttpReply;
import io.tributary.spi.CheckResult;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.Emitter;
import io.tributary.spi.PermanentException;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import io.tributary.spi.RetriableException;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.TributaryException;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads items selected by CSS selectors from HTML pages into the stream {@code items}.
 *
 * <p>Before the first page of a host it fetches that host's {@code /robots.txt} and obeys it (RFC
 * 9309: a 4xx answer allows everything, a 5xx or network failure forbids everything); a disallowed
 * page is never requested. Requests to one host start at least {@code delay} apart (the engine's
 * token bucket per host, on the injected clock and sleeper); a URL or redirect outside {@code
 * allowed_hosts} is refused. Every request goes through the engine's HTTP stack ({@link
 * HttpSession}): SSRF guard, deadlines, size caps, retries, breaker, {@code --record/--replay}.
 *
 * <p>No state: each run reads every page again; the store upserts items by the primary key. A page
 * that fails or is disallowed does not stop the others; the stream then fails naming them.
 */
final class ScrapeConnector implements Connector {
  static final String STREAM = "items";
  static final String DEFAULT_AGENT = "Tributary-scrape/0.1";

  /** HTTP policy in the manifest format; the rate is replaced by {@code 1 / delay} per host. */
  static final Manifest POLICY =
      ManifestLoader.load(
          "built-in:scrape-policy",
          """
          name: scrape
          description: HTML pages
          base_url: https://pages.invalid
          rate_limit: {burst: 1, max_wait: 5m}
          retry: {max_attempts: 3, base_delay: 2s, max_delay: 30s, budget: 2m}
          limits:
            connect_timeout: 10s
            read_timeout: 30s
            total_timeout: 60s
            max_response_bytes: 8388608
            max_decompressed_bytes: 33554432
            max_redirects: 5
          circuit_breaker: {failure_threshold: 5, open_for: 5m}
          streams:
            - name: items
              request: {path: /}
          """);

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          "Scrapes items from HTML pages with CSS selectors, on a fixed allowlist of hosts,"
              + " honouring robots.txt and waiting a polite delay between requests to one host.",
          ConfigField.stringList("urls")
              .asRequired()
              .describe("The pages to read (http or https), in this order.")
              .example(List.of("https://example.com/news")),
          ConfigField.stringList("allowed_hosts")
              .asRequired()
              .describe(
                  "Host names the connector may contact; a URL or redirect to any other host is"
                      + " refused.")
              .example(List.of("example.com")),
          ConfigField.string("item_selector")
              .asRequired()
              .describe("CSS selector of the elements that become one record each.")
              .example("article.story"),
          ConfigField.object("fields")
              .asRequired()
              .describe(
                  "Output fields: name -> {selector, attr}. selector is relative to the item"
                      + " (omit it for the item itself); attr reads an attribute (abs:href gives"
                      + " an absolute link), else the element's text. A plain string is a"
                      + " selector.")
              .example("{title: h2, url: {selector: a, attr: abs:href}}"),
          ConfigField.stringList("primary_key")
              .describe(
                  "Field(s) that identify an item (page_url may be one); empty means the whole"
                      + " content is the key."),
          ConfigField.string("delay")
              .defaultsTo("1s")
              .describe("Least time between two requests to one host (500ms, 2s, 1m)."),
          ConfigField.string("user_agent")
              .defaultsTo(DEFAULT_AGENT)
              .describe(
                  "The User-Agent header; its first word (before '/') is the robots.txt product"
                      + " token."),
          ConfigField.stringList("allow_private_addresses")
              .describe(
                  "IP addresses or CIDR ranges (127.0.0.1, 10.0.0.0/8) this connector may reach"
                      + " although they are loopback, private or link-local; empty by default."));

  /** robots.txt answers that mean "there is none" (RFC 9309 2.3.1.3); 408/425/429 are retried. */
  private static final List<Manifest.ErrorRule> ROBOTS_MISSING =
      List.of(
          new Manifest.ErrorRule(
              java.util.stream.IntStream.range(400, 500)
                  .filter(s -> s != 408 && s != 425 && s != 429)
                  .boxed()
                  .toList(),
              null,
              null,
              null,
              null,
              null,
              Manifest.ErrorAction.IGNORE,
              "no robots.txt"));

  private static final Pattern CHARSET =
      Pattern.compile("charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

  private final ConnectorContext context;
  private final HttpRuntime runtime;
  private final Function<String, SourceResources> hosts;
  private final Map<String, Robots> robots = new ConcurrentHashMap<>();

  ScrapeConnector(
      ConnectorContext context, HttpRuntime runtime, Function<String, SourceResources> hosts) {
    this.context = context;
    this.runtime = runtime;
    this.hosts = hosts;
  }

  private HttpSession open(ScrapeSettings s) {
    AddressGuard guard = HttpSession.guard(s.allowPrivateAddresses()).onlyHosts(s.allowedHosts());
    double perSecond = 1e9 / s.delay().toNanos();
    return HttpSession.open(POLICY, hosts, runtime, context, guard, perSecond);
  }

  private static Map<String, String> headers(ScrapeSettings s, String accept) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("User-Agent", s.userAgent());
    h.put("Accept", accept);
    return h;
  }

  /** The robots.txt product token: the User-Agent's first word, before any '/'. */
  static String productToken(String userAgent) {
    String first = userAgent.strip().split("[\\s/]", 2)[0];
    return first.isEmpty() ? "*" : first;
  }

  private Robots robotsFor(HttpSession session, ScrapeSettings s, URI page, BooleanSupplier stop) {
    String origin = page.getScheme().toLowerCase(Locale.ROOT) + "://" + page.getRawAuthority();
    return robots.computeIfAbsent(
        origin,
        o -> {
          URI where = URI.create(o + "/robots.txt");
          try {
            HttpExecutor.Page p =
                session.get(where, headers(s, "text/plain, */*;q=0.5"), ROBOTS_MISSING, stop);
            if (p.ignored()) {
              return Robots.allowAll();
            }
            byte[] body = p.reply().body();
            String text =
                new String(
                    body.length > Robots.MAX_BYTES ? Arrays.copyOf(body, Robots.MAX_BYTES) : body,
                    StandardCharsets.UTF_8);
            return Robots.parse(text, productToken(s.userAgent()));
          } catch (RetriableException | PermanentException e) {
            return Robots.disallowAll(
                where
                    + " could not be read, so nothing on "
                    + o
                    + " is fetched (RFC 9309): "
                    + e.getMessage());
          }
        });
  }

  @Override
  public CheckResult check(Config config) {
    try {
      ScrapeSettings s = ScrapeSettings.from(config);
      URI first = s.urls().get(0);
      try (HttpSession session = open(s)) {
        Robots r = robotsFor(session, s, first, () -> false);
        String why = r.why(first);
        if (why != null) {
          return CheckResult.failed(safe(first) + " may not be fetched: " + why);
        }
        List<Map<String, Object>> items = extract(s, fetch(session, s, first, () -> false));
        return CheckResult.ok(
            "robots.txt allows " + safe(first) + "; it has " + items.size() + " items");
      }
    } catch (TributaryException e) {
      return CheckResult.failed(e.getMessage());
    }
  }

  @Override
  public List<StreamSpec> discover(Config config) {
    ScrapeSettings s = ScrapeSettings.from(config);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        ScrapeSettings.PAGE_URL,
        Map.of("type", "string", "description", "The page the item was found on."));
    s.fields()
        .forEach(
            (name, f) ->
                props.put(
                    name,
                    Map.of(
                        "type",
                        List.of("string", "null"),
                        "description",
                        (f.attr() == null ? "text" : "attribute " + f.attr())
                            + " of "
                            + (f.selectorText() == null
                                ? "the item"
                                : "'" + f.selectorText() + "'"))));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("type", "object");
    schema.put("properties", props);
    return List.of(new StreamSpec(STREAM, schema, s.primaryKey(), Optional.empty()));
  }

  @Override
  public void read(StreamSpec stream, Config config, Map<String, Object> state, Emitter emitter) {
    if (!stream.name().equals(STREAM)) {
      throw new ConfigException(
          "connector 'scrape' has no stream '" + stream.name() + "'; streams: " + STREAM);
    }
    ScrapeSettings s = ScrapeSettings.from(config);
    List<String> failures = new ArrayList<>();
    boolean allRetriable = true;
    try (HttpSession session = open(s)) {
      for (URI page : s.urls()) {
        if (emitter.isCancelled()) {
          return;
        }
        try {
          String why = robotsFor(session, s, page, emitter::isCancelled).why(page);
          if (why != null) {
            allRetriable = false;
            failures.add(safe(page) + " was not fetched: " + why);
            continue;
          }
          List<Map<String, Object>> items =
              extract(s, fetch(session, s, page, emitter::isCancelled));
          for (int i = 0; i < items.size(); i++) {
            Map<String, Object> data = items.get(i);
            String origin = safe(page) + "#" + i;
            String missing =
                s.primaryKey().stream().filter(k -> data.get(k) == null).findFirst().orElse(null);
            if (missing != null) {
              emitter.reject(
                  new RejectedInput(
                      STREAM,
                      String.valueOf(data),
                      origin,
                      "primary key field '" + missing + "' is empty for this item"));
              continue;
            }
            emitter.emit(Record.of(STREAM, data, origin));
          }
        } catch (RetriableException e) {
          failures.add(e.getMessage());
        } catch (PermanentException e) {
          allRetriable = false;
          failures.add(e.getMessage());
        }
      }
    }
    if (!failures.isEmpty()) {
      String message =
          failures.size()
              + " of "
              + s.urls().size()
              + " pages were not read (the others were): "
              + String.join("; ", failures);
      throw allRetriable ? new RetriableException(message) : new PermanentException(message);
    }
  }

  private static Document fetch(
      HttpSession session, ScrapeSettings s, URI page, BooleanSupplier stop) {
    HttpReply reply =
        session
            .get(
                page,
                headers(s, "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"),
                List.of(),
                stop)
            .reply();
    String charset = charset(reply.header("content-type").orElse(null));
    try {
      return Jsoup.parse(new ByteArrayInputStream(reply.body()), charset, reply.uri().toString());
    } catch (IOException e) {
      throw new PermanentException(
          "cannot parse the HTML of " + safe(page) + ": " + e.getMessage());
    }
  }

  /**
   * The charset named in a Content-Type if this JVM knows it, else {@code null} (jsoup detects).
   */
  static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = CHARSET.matcher(contentType);
    if (m.find()) {
      try {
        return Charset.isSupported(m.group(1)) ? m.group(1) : null;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  /** The items of one page, each with its page URL and configured fields. */
  static List<Map<String, Object>> extract(ScrapeSettings s, Document doc) {
    List<Map<String, Object>> out = new ArrayList<>();
    String pageUrl = doc.location();
    for (Element item : doc.select(s.itemSelector())) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put(ScrapeSettings.PAGE_URL, pageUrl);
      s.fields().forEach((name, f) -> data.put(name, value(item, f)));
      out.add(data);
    }
    return out;
  }

  private static String value(Element item, ScrapeSettings.Field f) {
    Element target = f.selector() == null ? item : item.selectFirst(f.selector());
    if (target == null) {
      return null;
    }
    String v;
    if (f.attr() == null) {
      v = target.text();
    } else {
      v = target.hasAttr(f.attr()) ? target.attr(f.attr()) : null;
    }
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  /** A URL without its query, for messages and origins. */
  static String safe(URI u) {
    return u.getScheme()
        + "://"
        + u.getRawAuthority()
        + (u.getRawPath() == null ? "" : u.getRawPath());
  }
}
