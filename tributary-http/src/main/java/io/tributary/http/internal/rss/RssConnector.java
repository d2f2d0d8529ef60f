package io.tributary.http.internal.rss;

import io.tributary.http.internal.engine.HttpExecutor;
import io.tributary.http.internal.engine.HttpRuntime;
import io.tributary.http.internal.engine.HttpSession;
import io.tributary.http.internal.engine.SourceResources;
import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.manifest.ManifestLoader;
import io.tributary.http.internal.net.AddressGuard;
import io.tributary.http.internal.net.HttpReply;
import io.tributary.spi.CheckResult;
import io.tributary.spi.Checkpoint;
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
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.ConfigSpec;
import io.tributary.spi.config.FieldType;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the items of one or more feeds into the stream {@code items}.
 *
 * <p>Every request goes through the engine's HTTP stack ({@link HttpSession}): SSRF guard,
 * deadlines, size caps, redirects, per-host rate limit, retries with backoff, a circuit breaker per
 * host, and {@code --record/--replay} cassettes.
 *
 * <p>State, per feed URL: the {@code ETag} and {@code Last-Modified} of the last response (sent
 * back as {@code If-None-Match} / {@code If-Modified-Since}; a 304 yields no records) and the
 * newest item date seen ({@code cursor}); a later run emits only items dated after it. Items
 * without any date are emitted on every run that fetches the feed (the store upserts them by key).
 * A checkpoint follows each feed. A feed that fails does not stop the others: they are read and
 * checkpointed, then the stream fails naming every failed feed. A backfill window sends no
 * conditional headers, emits the items dated inside the window and leaves the state alone.
 *
 * <p>Safe for concurrent reads (there is one stream; each read opens its own session).
 */
final class RssConnector implements Connector {
  static final String STREAM = "items";

  /** HTTP policy in the manifest format, so it gets the loader's defaults and validation. */
  static final Manifest POLICY =
      ManifestLoader.load(
          "built-in:rss-policy",
          """
          name: rss
          description: RSS and Atom feeds
          base_url: https://feeds.invalid
          rate_limit: {requests_per_second: 1, burst: 2, max_wait: 2m}
          retry: {max_attempts: 4, base_delay: 1s, max_delay: 30s, budget: 2m}
          limits:
            connect_timeout: 10s
            read_timeout: 30s
            total_timeout: 60s
            max_response_bytes: 16777216
            max_decompressed_bytes: 67108864
            max_redirects: 5
          circuit_breaker: {failure_threshold: 5, open_for: 5m}
          streams:
            - name: items
              request: {path: /}
          """);

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          "Reads the items of RSS 0.9x/1.0/2.0 and Atom feeds. Feeds declaring a DOCTYPE are"
              + " refused, so no entity is ever expanded (only Netscape's public RSS 0.91 DOCTYPE"
              + " is dropped and the feed read); conditional GET with ETag/Last-Modified; one"
              + " incremental cursor per feed.",
          ConfigField.stringList("feeds")
              .asRequired()
              .describe("Feed URLs (http or https), read in this order.")
              .example(List.of("https://www.theguardian.com/us/rss")),
          new ConfigField(
              "requests_per_second",
              FieldType.NUMBER,
              false,
              null,
              false,
              "At most this many requests per second to one host (default 1).",
              List.of(),
              0.0001,
              null),
          ConfigField.string("user_agent")
              .defaultsTo("Tributary-rss/0.1")
              .describe("The User-Agent header sent with every request."),
          ConfigField.stringList("allow_private_addresses")
              .describe(
                  "IP addresses or CIDR ranges (127.0.0.1, 10.0.0.0/8) this connector may reach"
                      + " although they are loopback, private or link-local; empty by default,"
                      + " so such addresses are refused."));

  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9,"
          + " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

  private static final List<Manifest.ErrorRule> NOT_MODIFIED =
      List.of(
          new Manifest.ErrorRule(
              List.of(304),
              null,
              null,
              null,
              null,
              null,
              Manifest.ErrorAction.IGNORE,
              "not modified"));

  private final ConnectorContext context;
  private final HttpRuntime runtime;
  private final Function<String, SourceResources> hosts;

  RssConnector(
      ConnectorContext context, HttpRuntime runtime, Function<String, SourceResources> hosts) {
    this.context = context;
    this.runtime = runtime;
    this.hosts = hosts;
  }

  /**
   * The feed URLs, checked.
   *
   * @throws ConfigException listing every URL that is not an absolute http(s) URL or is repeated
   */
  static List<URI> feeds(Config config) {
    List<ConfigProblem> problems = new ArrayList<>();
    LinkedHashSet<URI> out = new LinkedHashSet<>();
    List<String> given = config.strings("feeds");
    if (given.isEmpty()) {
      problems.add(ConfigProblem.at("feeds", null, "'feeds' must list at least one feed URL"));
    }
    for (int i = 0; i < given.size(); i++) {
      String text = given.get(i);
      try {
        URI u = new URI(text.strip());
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
          problems.add(
              ConfigProblem.at(
                  "feeds[" + i + "]", text, "a feed must be an absolute http or https URL"));
        } else if (!out.add(u)) {
          problems.add(ConfigProblem.at("feeds[" + i + "]", text, "this feed is listed twice"));
        }
      } catch (URISyntaxException e) {
        problems.add(
            ConfigProblem.at("feeds[" + i + "]", text, "not a valid URL: " + e.getReason()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return List.copyOf(out);
  }

  private HttpSession open(Config config) {
    AddressGuard guard = HttpSession.guard(config.strings("allow_private_addresses"));
    Double rate =
        config.has("requests_per_second") ? config.number("requests_per_second", 1) : null;
    return HttpSession.open(POLICY, hosts, runtime, context, guard, rate);
  }

  private static Map<String, String> headers(Config config) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("User-Agent", config.optString("user_agent").orElse("Tributary-rss/0.1"));
    h.put("Accept", ACCEPT);
    return h;
  }

  @Override
  public CheckResult check(Config config) {
    try {
      List<URI> feeds = feeds(config);
      List<String> ok = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      try (HttpSession session = open(config)) {
        for (URI feed : feeds) {
          try {
            HttpReply reply = session.get(feed, headers(config), List.of(), () -> false).reply();
            FeedParser.Feed f =
                FeedParser.parse(
                    reply.body(),
                    reply.header("content-type").orElse(null),
                    feed.toString(),
                    safe(feed));
            ok.add(safe(feed) + " (" + f.items().size() + " items)");
          } catch (TributaryException e) {
            failed.add(e.getMessage());
          }
        }
      }
      if (!failed.isEmpty()) {
        return CheckResult.failed(String.join("; ", failed));
      }
      return CheckResult.ok("read " + String.join(", ", ok));
    } catch (TributaryException e) {
      return CheckResult.failed(e.getMessage());
    }
  }

  @Override
  public List<StreamSpec> discover(Config config) {
    feeds(config);
    return List.of(
        new StreamSpec(STREAM, schema(), List.of("feed_url", "id"), Optional.of("date")));
  }

  static Map<String, Object> schema() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("feed_url", prop("string", "The feed's URL as configured."));
    props.put("feed_title", prop(List.of("string", "null"), "The feed's title."));
    props.put("id", prop("string", "The item's guid (Atom id, RSS 1.0 rdf:about), else its link."));
    props.put("title", prop(List.of("string", "null"), "The item's title."));
    props.put("link", prop(List.of("string", "null"), "The item's link."));
    props.put("author", prop(List.of("string", "null"), "The item's author."));
    props.put(
        "summary", prop(List.of("string", "null"), "RSS description or Atom summary (as given)."));
    props.put("content", prop(List.of("string", "null"), "Full content, when the feed has it."));
    Map<String, Object> cats = new LinkedHashMap<>();
    cats.put("type", "array");
    cats.put("items", Map.of("type", "string"));
    cats.put("description", "Category names.");
    props.put("categories", cats);
    props.put("published", dateProp("When the item was published (UTC)."));
    props.put("updated", dateProp("When the item was last updated (UTC)."));
    props.put("date", dateProp("The later of published and updated: the incremental cursor."));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("type", "object");
    schema.put("properties", props);
    schema.put("required", List.of("feed_url", "id"));
    return schema;
  }

  private static Map<String, Object> prop(Object type, String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", type);
    p.put("description", description);
    return p;
  }

  private static Map<String, Object> dateProp(String description) {
    Map<String, Object> p = prop(List.of("string", "null"), description);
    p.put("format", "date-time");
    return p;
  }

  @Override
  public void read(StreamSpec stream, Config config, Map<String, Object> state, Emitter emitter) {
    if (!stream.name().equals(STREAM)) {
      throw new ConfigException(
          "connector 'rss' has no stream '" + stream.name() + "'; streams: " + STREAM);
    }
    List<URI> feeds = feeds(config);
    Optional<ConnectorContext.Window> window = context.window();
    Map<String, Object> book = new LinkedHashMap<>(FeedState.feeds(state));
    List<String> failures = new ArrayList<>();
    boolean allRetriable = true;
    try (HttpSession session = open(config)) {
      for (URI feed : feeds) {
        if (emitter.isCancelled()) {
          return;
        }
        String url = feed.toString();
        FeedState before = FeedState.of(book.get(url));
        try {
          FeedState after = readFeed(session, config, feed, before, window, emitter);
          if (window.isEmpty() && after != null) {
            book.put(url, after.toMap());
            emitter.checkpoint(new Checkpoint(STREAM, FeedState.snapshot(book)));
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
              + feeds.size()
              + " feeds failed (the others were read): "
              + String.join("; ", failures);
      throw allRetriable ? new RetriableException(message) : new PermanentException(message);
    }
  }

  /** Reads one feed; returns its new state, or {@code null} when it was not modified. */
  private FeedState readFeed(
      HttpSession session,
      Config config,
      URI feed,
      FeedState before,
      Optional<ConnectorContext.Window> window,
      Emitter emitter) {
    Map<String, String> headers = headers(config);
    if (window.isEmpty()) {
      if (before.etag() != null) {
        headers.put("If-None-Match", before.etag());
      }
      if (before.lastModified() != null) {
        headers.put("If-Modified-Since", before.lastModified());
      }
    }
    HttpExecutor.Page page = session.get(feed, headers, NOT_MODIFIED, emitter::isCancelled);
    if (page.ignored()) {
      return null;
    }
    HttpReply reply = page.reply();
    String url = feed.toString();
    FeedParser.Feed parsed =
        FeedParser.parse(reply.body(), reply.header("content-type").orElse(null), url, safe(feed));
    Instant newest = before.cursor();
    int index = 0;
    for (FeedParser.Item item : parsed.items()) {
      String origin = safe(feed) + "#" + index++;
      if (item.id() == null) {
        emitter.reject(
            new RejectedInput(
                STREAM,
                String.valueOf(item.data()),
                origin,
                "the item has neither a guid nor a link, so it has no key"));
        continue;
      }
      Instant date = item.date();
      if (window.isPresent()) {
        ConnectorContext.Window w = window.get();
        boolean inside =
            date != null
                && (w.from() == null || !date.isBefore(w.from()))
                && (w.to() == null || date.isBefore(w.to()));
        if (!inside) {
          continue;
        }
      } else if (date != null && before.cursor() != null && !date.isAfter(before.cursor())) {
        continue;
      }
      emitter.emit(Record.of(STREAM, item.data(), origin));
      if (date != null && (newest == null || date.isAfter(newest))) {
        newest = date;
      }
    }
    return new FeedState(
        reply.header("etag").orElse(null), reply.header("last-modified").orElse(null), newest);
  }

  /** A URL without its query (which may carry a token), for messages and origins. */
  static String safe(URI u) {
    return u.getScheme()
        + "://"
        + u.getRawAuthority()
        + (u.getRawPath() == null ? "" : u.getRawPath());
  }
}
