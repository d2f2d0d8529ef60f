package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.manifest.Manifest.Incremental;
import io.tributary.http.internal.manifest.Manifest.Pagination;
import io.tributary.http.internal.manifest.Manifest.PaginationType;
import io.tributary.http.internal.net.HttpCall;
import io.tributary.http.internal.template.Template;
import io.tributary.spi.CancelledException;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.PermanentException;
import io.tributary.spi.RetriableException;
import io.tributary.spi.TributaryException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Reads one stream of a manifest: expands partitions (configured lists, parent stream values),
 * pages through each partition (in parallel within the source's bulkhead), extracts and transforms
 * records, applies the incremental cursor (inclusive, with a primary-key tiebreak) or a backfill
 * window, and reports records, rejects and per-partition state to a {@link Sink}.
 */
final class StreamReader {

  /** Where a read sends what it finds. Implementations are thread-safe. */
  interface Sink {
    void record(Map<String, Object> data, String origin);

    void reject(Map<String, Object> raw, String origin, String reason);

    /** A partition's position advanced; called only when everything before it was recorded. */
    void position(String partition, StateBook.Position position);

    boolean cancelled();
  }

  /** One partition: its key in the state, its values and the parent record it came from. */
  record Partition(String key, Map<String, Object> values, Map<String, Object> parent) {}

  private final Manifest manifest;
  private final HttpExecutor executor;
  private final Map<String, Object> config;
  private final String baseUrl;
  private final List<String> rebaseFrom;
  private final Map<String, Object> authVars;
  private final SourceResources resources;
  private final Optional<ConnectorContext.Window> window;
  private final Integer sampleMaxPages;
  private final Json json;

  StreamReader(
      Manifest manifest,
      HttpExecutor executor,
      Map<String, Object> config,
      String baseUrl,
      List<String> rebaseFrom,
      Map<String, Object> authVars,
      SourceResources resources,
      Optional<ConnectorContext.Window> window,
      Integer sampleMaxPages,
      Json json) {
    this.manifest = manifest;
    this.executor = executor;
    this.config = config;
    this.baseUrl = stripSlash(baseUrl);
    this.rebaseFrom =
        rebaseFrom.stream().filter(b -> b != null).map(StreamReader::stripSlash).toList();
    this.authVars = authVars;
    this.resources = resources;
    this.window = window;
    this.sampleMaxPages = sampleMaxPages;
    this.json = json;
  }

  private static String stripSlash(String s) {
    return s != null && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  // ------------------------------------------------------------------ streams and partitions

  /**
   * Reads every partition of {@code stream}.
   *
   * @param book the incremental state (ignored when {@code incremental} is false)
   * @throws PermanentException or RetriableException naming the partitions that failed, after the
   *     others were read
   */
  void read(Manifest.Stream stream, StateBook book, boolean incremental, Sink sink) {
    List<Partition> parts = partitions(stream, sink::cancelled);
    runAll(stream, parts, p -> readPartition(stream, p, book, incremental, sink), sink::cancelled);
  }

  /** Reads a whole stream (all partitions, no incremental filter), e.g. as a parent. */
  List<Map<String, Object>> readAll(Manifest.Stream stream, BooleanSupplier cancelled) {
    List<Map<String, Object>> out = java.util.Collections.synchronizedList(new ArrayList<>());
    Sink collect =
        new Sink() {
          @Override
          public void record(Map<String, Object> data, String origin) {
            out.add(data);
          }

          @Override
          public void reject(Map<String, Object> raw, String origin, String reason) {}

          @Override
          public void position(String partition, StateBook.Position position) {}

          @Override
          public boolean cancelled() {
            return cancelled.getAsBoolean();
          }
        };
    read(stream, null, false, collect);
    return new ArrayList<>(out);
  }

  /** The partitions of a stream: the product of its configured lists and its parent's values. */
  List<Partition> partitions(Manifest.Stream stream, BooleanSupplier cancelled) {
    Map<String, Object> ctx = baseContext();
    List<Partition> result = new ArrayList<>();
    result.add(new Partition("", new LinkedHashMap<>(), null));
    for (Map.Entry<String, Object> e : stream.partitions().entrySet()) {
      Object v = e.getValue() instanceof Template t ? t.render(ctx) : e.getValue();
      List<Object> values = new ArrayList<>();
      if (v instanceof List<?> l) {
        values.addAll(l);
      } else if (v != null && !Template.text(v).isEmpty()) {
        values.add(v);
      }
      if (values.isEmpty()) {
        throw new io.tributary.spi.ConfigException(
            "stream '"
                + stream.name()
                + "' reads once per value of partition '"
                + e.getKey()
                + "', but it has no values; set the config key it reads ("
                + (e.getValue() instanceof Template t ? t.source() : "")
                + ")");
      }
      result = product(result, e.getKey(), values, null);
    }
    if (stream.parent() != null) {
      Manifest.Parent pd = stream.parent();
      Manifest.Stream parentStream = manifest.stream(pd.stream()).orElseThrow();
      List<Map<String, Object>> parents = readAll(parentStream, cancelled);
      Set<String> only = new HashSet<>();
      if (pd.only() != null) {
        Object o = pd.only().render(ctx);
        if (o instanceof List<?> l) {
          l.forEach(x -> only.add(Template.text(x)));
        } else if (o != null && !Template.text(o).isBlank()) {
          for (String s : Template.text(o).split(",")) {
            only.add(s.trim());
          }
        }
      }
      Map<String, Map<String, Object>> byValue = new LinkedHashMap<>();
      for (Map<String, Object> rec : parents) {
        Object v = Json.pointer(rec, pd.field());
        if (v == null) {
          continue;
        }
        String text = Template.text(v);
        if (!only.isEmpty() && !only.contains(text)) {
          continue;
        }
        byValue.putIfAbsent(text, rec);
      }
      List<Partition> next = new ArrayList<>();
      for (Partition p : result) {
        for (Map.Entry<String, Map<String, Object>> e : byValue.entrySet()) {
          Map<String, Object> values = new LinkedHashMap<>(p.values());
          values.put(pd.as(), Json.pointer(e.getValue(), pd.field()));
          next.add(new Partition(key(values), values, e.getValue()));
        }
      }
      result = next;
    }
    if (result.size() == 1 && result.get(0).values().isEmpty()) {
      return List.of(new Partition("*", Map.of(), null));
    }
    return result;
  }

  private static List<Partition> product(
      List<Partition> in, String name, List<Object> values, Map<String, Object> parent) {
    List<Partition> out = new ArrayList<>();
    for (Partition p : in) {
      for (Object v : values) {
        Map<String, Object> m = new LinkedHashMap<>(p.values());
        m.put(name, v);
        out.add(new Partition(key(m), m, parent != null ? parent : p.parent()));
      }
    }
    return out;
  }

  private static String key(Map<String, Object> values) {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + "=" + Template.text(v)));
    return String.join(",", parts);
  }

  private interface PartitionTask {
    void run(Partition p) throws InterruptedException;
  }

  private void runAll(
      Manifest.Stream stream,
      List<Partition> parts,
      PartitionTask task,
      BooleanSupplier cancelled) {
    Map<String, Throwable> failures = new LinkedHashMap<>();
    if (parts.size() == 1) {
      try {
        withPermit(() -> task.run(parts.get(0)));
      } catch (CancelledException e) {
        throw e;
      } catch (TributaryException e) {
        if (parts.get(0).key().equals("*")) {
          throw e;
        }
        failures.put(parts.get(0).key(), e);
      } catch (RuntimeException e) {
        throw new PermanentException(
            "internal error while reading stream '" + stream.name() + "': " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException("interrupted while reading stream '" + stream.name() + "'");
      }
    } else {
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Map<String, Future<?>> futures = new LinkedHashMap<>();
        for (Partition p : parts) {
          futures.put(
              p.key(),
              pool.submit(
                  () -> {
                    withPermit(() -> task.run(p));
                    return null;
                  }));
        }
        for (Map.Entry<String, Future<?>> f : futures.entrySet()) {
          try {
            f.getValue().get();
          } catch (ExecutionException e) {
            if (e.getCause() instanceof CancelledException c) {
              futures.values().forEach(x -> x.cancel(true));
              throw c;
            }
            failures.put(f.getKey(), e.getCause());
          } catch (InterruptedException e) {
            futures.values().forEach(x -> x.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancelledException(
                "interrupted while reading stream '" + stream.name() + "'");
          }
        }
      }
    }
    if (failures.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(failures.size())
        .append(" of ")
        .append(parts.size())
        .append(" partitions of stream '")
        .append(stream.name())
        .append("' failed (the others were read):");
    boolean allPermanent = true;
    int shown = 0;
    for (Map.Entry<String, Throwable> f : failures.entrySet()) {
      if (f.getValue() instanceof RetriableException) {
        allPermanent = false;
      }
      if (shown++ < 5) {
        sb.append(System.lineSeparator())
            .append("  ")
            .append(f.getKey())
            .append(": ")
            .append(
                f.getValue() instanceof TributaryException
                    ? f.getValue().getMessage()
                    : "internal error " + f.getValue());
      }
    }
    if (failures.size() > 5) {
      sb.append(System.lineSeparator())
          .append("  … and ")
          .append(failures.size() - 5)
          .append(" more");
    }
    Throwable first = failures.values().iterator().next();
    throw allPermanent
        ? new PermanentException(sb.toString(), first)
        : new RetriableException(sb.toString(), first);
  }

  private interface Body {
    void run() throws InterruptedException;
  }

  private void withPermit(Body body) throws InterruptedException {
    resources.bulkhead().acquire();
    try {
      body.run();
    } finally {
      resources.bulkhead().release();
    }
  }

  // ------------------------------------------------------------------ one partition

  Map<String, Object> baseContext() {
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("config", config);
    ctx.put("auth", authVars);
    return ctx;
  }

  private Map<String, Object> context(
      Manifest.Stream stream, Partition p, Map<String, Object> cursor) {
    Map<String, Object> ctx = baseContext();
    ctx.put("partition", p.values());
    ctx.put("parent", p.parent() == null ? Map.of() : p.parent());
    ctx.put("cursor", cursor);
    ctx.put("stream", Map.of("name", stream.name()));
    return ctx;
  }

  private void readPartition(
      Manifest.Stream stream, Partition p, StateBook book, boolean useIncremental, Sink sink) {
    Incremental inc = useIncremental ? stream.incremental() : null;
    boolean windowMode = inc != null && window.isPresent();
    StateBook.Position stored =
        inc != null && !windowMode && book != null ? book.get(p.key()) : null;
    Comparable<?> storedCursor = null;
    if (stored != null) {
      try {
        storedCursor = Cursors.parse(stored.cursor(), inc.type());
      } catch (RuntimeException e) {
        throw new PermanentException(
            "the stored cursor of stream '"
                + stream.name()
                + "' partition "
                + p.key()
                + " is not a "
                + inc.type().name().toLowerCase(java.util.Locale.ROOT)
                + "; run once with a full refresh");
      }
    }
    Comparable<?> lower = null;
    Comparable<?> upper = null;
    if (inc != null) {
      if (windowMode) {
        lower = windowBound(window.get().from(), inc);
        upper = windowBound(window.get().to(), inc);
      } else if (storedCursor != null) {
        lower =
            storedCursor instanceof Instant i && !inc.lookback().isZero()
                ? i.minus(inc.lookback())
                : storedCursor;
      } else if (inc.start() != null) {
        String s = inc.start().renderText(context(stream, p, Map.of()));
        if (!s.isBlank()) {
          try {
            lower = Cursors.parse(s, inc.type());
          } catch (RuntimeException e) {
            throw new io.tributary.spi.ConfigException(
                "incremental start '"
                    + s
                    + "' of stream '"
                    + stream.name()
                    + "' is not a "
                    + inc.type().name().toLowerCase(java.util.Locale.ROOT)
                    + "; write e.g. 2025-01-01");
          }
        }
      }
    }
    Map<String, Object> cursorCtx = new LinkedHashMap<>();
    cursorCtx.put("from", lower == null ? null : Cursors.format(lower, inc));
    cursorCtx.put("to", upper == null ? null : Cursors.format(upper, inc));
    Map<String, Object> ctx = context(stream, p, cursorCtx);

    Manifest.Records records =
        stream.records().path().contains("{{")
            ? stream.records().withPath(Template.parse(stream.records().path()).renderText(ctx))
            : stream.records();
    Tracker tracker = new Tracker(stored, storedCursor);
    boolean tiebreak = storedCursor != null && inc.lookback().isZero();
    Pagination pg = stream.pagination();
    Map<String, String> pageParams = new LinkedHashMap<>();
    long pageNo = pg.start();
    long offset = 0;
    switch (pg.type()) {
      case PAGE_NUMBER -> {
        pageParams.put(pg.param(), Long.toString(pageNo));
        if (pg.sizeParam() != null && pg.size() != null) {
          pageParams.put(pg.sizeParam(), pg.size().renderText(ctx));
        }
      }
      case OFFSET -> {
        pageParams.put(pg.param(), "0");
        pageParams.put(pg.limitParam(), pg.size().renderText(ctx));
      }
      default -> {}
    }
    URI nextUri = null;
    Set<String> seen = new HashSet<>();
    List<Map<String, Object>> previousPage = null;
    boolean truncated = false;
    int pages = 0;
    while (true) {
      if (sink.cancelled()) {
        throw new CancelledException("run cancelled while reading stream '" + stream.name() + "'");
      }
      HttpCall call =
          nextUri != null
              ? request(stream, ctx, pageParams).withUri(nextUri)
              : request(stream, ctx, pageParams);
      pages++;
      HttpExecutor.Page page = executor.fetch(call, stream.errors(), sink::cancelled);
      if (page.ignored()) {
        break;
      }
      String origin = AuthSession.safe(call.uri()) + " page " + pages;
      List<Map<String, Object>> raw = RecordExtractor.extract(page.body(), records);
      // cheap checks first: a deep comparison only when size and first record already match
      if (!raw.isEmpty()
          && previousPage != null
          && raw.size() == previousPage.size()
          && raw.get(0).equals(previousPage.get(0))
          && raw.equals(previousPage)) {
        throw loop(stream, p, pages, "the server returned the same records for two pages in a row");
      }
      previousPage = raw;
      int older = 0;
      for (Map<String, Object> r : raw) {
        Map<String, Object> rec;
        try {
          rec = Transforms.apply(r, stream.transforms(), ctx);
        } catch (Transforms.BadValue e) {
          sink.reject(r, origin, e.getMessage());
          continue;
        }
        if (inc != null) {
          Object cv = Json.pointer(rec, inc.cursorField());
          Comparable<?> v = null;
          if (cv != null) {
            try {
              v = Cursors.parse(cv, inc.type());
            } catch (RuntimeException e) {
              sink.reject(
                  rec,
                  origin,
                  "cursor field '"
                      + inc.cursorField()
                      + "' is not a "
                      + inc.type().name().toLowerCase(java.util.Locale.ROOT)
                      + " (was: "
                      + Template.text(cv)
                      + ")");
              continue;
            }
          }
          if (v != null) {
            if (lower != null && Cursors.compare(v, lower) < 0) {
              older++;
              continue;
            }
            if (upper != null && Cursors.compare(v, upper) >= 0) {
              continue;
            }
            String pk = primaryKey(stream, rec);
            if (tiebreak && Cursors.compare(v, storedCursor) == 0 && stored.keys().contains(pk)) {
              older++;
              continue;
            }
            if (!windowMode) {
              tracker.observe(v, pk);
            }
          }
        }
        sink.record(rec, origin);
      }
      if (inc != null && !windowMode && inc.order() == Manifest.Order.ASCENDING) {
        tracker.commit(p.key(), sink);
      }
      if (inc != null
          && inc.order() == Manifest.Order.DESCENDING
          && !raw.isEmpty()
          && older == raw.size()) {
        break;
      }
      // ---- next page
      if (pg.hasMorePointer() != null && !truthy(Json.pointer(page.body(), pg.hasMorePointer()))) {
        break;
      }
      boolean more;
      switch (pg.type()) {
        case NONE -> more = false;
        case PAGE_NUMBER -> {
          more = !raw.isEmpty();
          Long size = sizeOf(pg.size(), ctx);
          if (size != null && raw.size() < size) {
            more = false;
          }
          if (pg.totalPagesPointer() != null
              && Json.pointer(page.body(), pg.totalPagesPointer()) instanceof Number total
              && pageNo >= total.longValue()) {
            more = false;
          }
          pageNo++;
          pageParams.put(pg.param(), Long.toString(pageNo));
        }
        case OFFSET -> {
          more = !raw.isEmpty();
          Long limit = sizeOf(pg.size(), ctx);
          if (limit != null && raw.size() < limit) {
            more = false;
          }
          offset += raw.size();
          if (pg.totalPointer() != null
              && Json.pointer(page.body(), pg.totalPointer()) instanceof Number total
              && offset >= total.longValue()) {
            more = false;
          }
          pageParams.put(pg.param(), Long.toString(offset));
        }
        case CURSOR -> {
          Object token =
              pg.tokenPointer() != null
                  ? Json.pointer(page.body(), pg.tokenPointer())
                  : page.reply().header(pg.tokenHeader()).orElse(null);
          String t = token == null ? "" : Template.text(token);
          more = !t.isBlank();
          if (more && !seen.add(t)) {
            throw loop(
                stream,
                p,
                pages,
                "the next-page token '" + shorten(t) + "' came back a second time");
          }
          pageParams.put(pg.param(), t);
        }
        case NEXT_URL, LINK_HEADER -> {
          String next =
              pg.type() == PaginationType.NEXT_URL
                  ? Template.text(Json.pointer(page.body(), pg.pointer()))
                  : linkRel(page.reply().header("link").orElse(""), pg.rel());
          more = next != null && !next.isBlank();
          if (more) {
            URI resolved = rebase(call.uri().resolve(next.trim()));
            if (!sameOrigin(resolved, call.uri())) {
              throw new PermanentException(
                  "stream '"
                      + stream.name()
                      + "': the next page is on another host ("
                      + resolved.getHost()
                      + "); refusing to send this source's credentials there");
            }
            if (!seen.add(resolved.toString())) {
              throw loop(
                  stream,
                  p,
                  pages,
                  "the next-page URL " + AuthSession.safe(resolved) + " came back a second time");
            }
            nextUri = resolved;
          }
        }
        default -> throw new IllegalStateException();
      }
      if (!more) {
        break;
      }
      if (sampleMaxPages != null && pages >= sampleMaxPages) {
        truncated = true;
        break;
      }
      if (pages >= pg.maxPages()) {
        throw new PermanentException(
            "stream '"
                + stream.name()
                + "'"
                + (p.key().equals("*") ? "" : " partition " + p.key())
                + " still has more pages after "
                + pages
                + " (pagination.max_pages); the API may be paging forever, or raise max_pages in"
                + " the manifest");
      }
    }
    if (inc != null && !windowMode && !(truncated && inc.order() != Manifest.Order.ASCENDING)) {
      tracker.commit(p.key(), sink);
    }
  }

  private static Comparable<?> windowBound(Instant i, Incremental inc) {
    if (i == null) {
      return null;
    }
    return switch (inc.type()) {
      case DATETIME -> i;
      case NUMBER -> new java.math.BigDecimal(i.getEpochSecond());
      case STRING -> i.toString();
    };
  }

  private static Long sizeOf(Template t, Map<String, Object> ctx) {
    if (t == null) {
      return null;
    }
    try {
      return Long.parseLong(t.renderText(ctx).trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private PermanentException loop(Manifest.Stream s, Partition p, int pages, String what) {
    return new PermanentException(
        "pagination loop in stream '"
            + s.name()
            + "'"
            + (p.key().equals("*") ? "" : " partition " + p.key())
            + " after page "
            + pages
            + ": "
            + what
            + "; the API ignores the pagination parameters or the manifest's pagination section"
            + " does not match it");
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static boolean truthy(Object v) {
    return v != null
        && !Boolean.FALSE.equals(v)
        && !(v instanceof String s && (s.isEmpty() || s.equalsIgnoreCase("false")))
        && !(v instanceof Number n && n.doubleValue() == 0);
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort()
        && String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()));
  }

  /** Points a URL the API gave (built from its real base) at the configured base URL. */
  private URI rebase(URI u) {
    String s = u.toString();
    for (String from : rebaseFrom) {
      if (!from.equals(baseUrl) && s.startsWith(from)) {
        return URI.create(baseUrl + s.substring(from.length()));
      }
    }
    return u;
  }

  /** The URL of the {@code rel} relation in an RFC 8288 Link header, or {@code null}. */
  static String linkRel(String header, String rel) {
    for (String part : header.split(",(?=\\s*<)")) {
      int lt = part.indexOf('<');
      int gt = part.indexOf('>');
      if (lt < 0 || gt < lt) {
        continue;
      }
      String params = part.substring(gt + 1);
      for (String param : params.split(";")) {
        String[] kv = param.trim().split("=", 2);
        if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("rel")) {
          for (String r : kv[1].trim().replace("\"", "").split("\\s+")) {
            if (r.equalsIgnoreCase(rel)) {
              return part.substring(lt + 1, gt);
            }
          }
        }
      }
    }
    return null;
  }

  static String primaryKey(Manifest.Stream stream, Map<String, Object> rec) {
    if (stream.primaryKey().isEmpty()) {
      return signature(List.of(rec));
    }
    List<String> parts = new ArrayList<>();
    for (String f : stream.primaryKey()) {
      parts.add(Template.text(Json.pointer(rec, f)));
    }
    return String.join("\u001f", parts);
  }

  private static String signature(List<Map<String, Object>> records) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(records.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ requests

  /** The first request of a partition, with pagination parameters added. */
  HttpCall request(
      Manifest.Stream stream, Map<String, Object> ctx, Map<String, String> pageParams) {
    Manifest.Request r = stream.request();
    String path = r.path().renderText(ctx);
    String url;
    if (path.startsWith("http://") || path.startsWith("https://")) {
      url = encodePath(path);
    } else {
      url = baseUrl + (path.startsWith("/") || path.isEmpty() ? "" : "/") + encodePath(path);
    }
    StringBuilder q = new StringBuilder();
    Set<String> overridden = new LinkedHashSet<>(pageParams.keySet());
    r.query()
        .forEach(
            (name, value) -> {
              if (overridden.contains(name)) {
                return;
              }
              if (value instanceof List<?> templates) {
                for (Object t : templates) {
                  appendParam(q, name, ((Template) t).renderText(ctx));
                }
              } else {
                appendParam(q, name, Template.text(((Template) value).render(ctx)));
              }
            });
    pageParams.forEach((k, v) -> appendParam(q, k, v));
    String full = url + (q.isEmpty() ? "" : (url.contains("?") ? "&" : "?") + q);
    URI uri;
    try {
      uri = URI.create(full);
    } catch (IllegalArgumentException e) {
      throw new io.tributary.spi.ConfigException(
          "stream '"
              + stream.name()
              + "' builds an invalid URL ("
              + e.getMessage()
              + "); check base_url and request.path");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.put("User-Agent", "tributary/0.1 (+https://github.com/tributary-data/tributary)");
    manifest.headers().forEach((k, t) -> putHeader(headers, k, t.renderText(ctx)));
    r.headers().forEach((k, t) -> putHeader(headers, k, t.renderText(ctx)));
    byte[] body = null;
    if (r.body() != null) {
      Object rendered = renderBody(r.body(), ctx);
      if (r.formBody() && rendered instanceof Map<?, ?> m) {
        StringBuilder form = new StringBuilder();
        m.forEach((k, v) -> appendParam(form, String.valueOf(k), Template.text(v)));
        body = form.toString().getBytes(StandardCharsets.UTF_8);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
      } else {
        try {
          body = json.mapper().writeValueAsBytes(rendered);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
        headers.put("Content-Type", "application/json");
      }
    }
    return new HttpCall(r.method(), uri, headers, body);
  }

  private static void putHeader(Map<String, String> headers, String name, String value) {
    headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    if (!value.isEmpty()) {
      headers.put(name, value);
    }
  }

  private static Object renderBody(Object body, Map<String, Object> ctx) {
    if (body instanceof String s) {
      return Template.parse(s).render(ctx);
    }
    if (body instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), renderBody(v, ctx)));
      return out;
    }
    if (body instanceof List<?> l) {
      return l.stream().map(v -> renderBody(v, ctx)).toList();
    }
    return body;
  }

  private static void appendParam(StringBuilder q, String name, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    if (!q.isEmpty()) {
      q.append('&');
    }
    q.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
        .append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  /** Percent-encodes characters a URL path may not contain, keeping '/' and existing escapes. */
  static String encodePath(String path) {
    StringBuilder sb = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~/:@!$&'()*+,;=%?#".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }

  /** The working position of one partition during a read. */
  private static final class Tracker {
    private Comparable<?> cursor;
    private Set<String> keys = new HashSet<>();
    private boolean changed;

    Tracker(StateBook.Position stored, Comparable<?> storedCursor) {
      if (stored != null) {
        cursor = storedCursor;
        keys.addAll(stored.keys());
      }
    }

    void observe(Comparable<?> v, String pk) {
      if (cursor == null || Cursors.compare(v, cursor) > 0) {
        cursor = v;
        keys = new HashSet<>();
        keys.add(pk);
        changed = true;
      } else if (Cursors.compare(v, cursor) == 0) {
        changed |= keys.add(pk);
      }
    }

    void commit(String partition, Sink sink) {
      if (changed && cursor != null) {
        sink.position(partition, new StateBook.Position(Cursors.store(cursor), keys));
        changed = false;
      }
    }
  }
}
