package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.net.AddressGuard;
import io.tributary.http.internal.net.Transport;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connector running one manifest. Created per run or command by its provider; {@link #read} may
 * be called concurrently for different streams. Owns one HTTP client (and recorder/replayer) per
 * distinct configuration, closed by {@link #close()}.
 */
public final class ManifestConnector implements Connector {
  private final Manifest manifest;
  private final SourceResources resources;
  private final HttpRuntime runtime;
  private final ConnectorContext context;
  private final Map<Map<String, Object>, Session> sessions = new ConcurrentHashMap<>();

  public ManifestConnector(
      Manifest manifest, SourceResources resources, HttpRuntime runtime, ConnectorContext context) {
    this.manifest = manifest;
    this.resources = resources;
    this.runtime = runtime;
    this.context = context;
  }

  /** Everything one configuration needs: transport, auth, executor, reader. */
  private record Session(
      Transport transport,
      Scrubber scrubber,
      StreamReader reader,
      HttpExecutor executor,
      Json json) {}

  private Session session(Config config) {
    Map<String, Object> values = values(config);
    return sessions.computeIfAbsent(values, v -> open(config, v));
  }

  private static Map<String, Object> values(Config config) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : config.spec().names()) {
      if (config.raw(name) != null) {
        values.put(name, config.raw(name));
      }
    }
    return values;
  }

  private Session open(Config config, Map<String, Object> values) {
    Manifest.Limits l = manifest.limits();
    Json json = new Json(l.maxNestingDepth(), l.maxStringLength());
    Scrubber scrubber = new Scrubber();
    config.spec().fields().stream()
        .filter(f -> f.secret())
        .forEach(f -> config.optString(f.name()).ifPresent(scrubber::add));
    AddressGuard guard = Transports.guard(config.strings("allow_private_addresses"));
    Transports.Opened opened = Transports.open(l, guard, runtime, context, scrubber, json);
    Transport transport = opened.transport();
    HttpRuntime rt = opened.runtime();
    AuthSession auth =
        new AuthSession(
            manifest, values, config.optString("token_url").orElse(null), rt, json, scrubber);
    auth.useTransport(transport);
    Double rate =
        config.has("requests_per_second") ? config.number("requests_per_second", 0) : null;
    HttpExecutor executor =
        new HttpExecutor(
            manifest,
            resources,
            rt,
            transport,
            auth,
            json,
            scrubber,
            context.quotas(),
            context.circuits(),
            opened.offline(),
            rate);
    String configured = config.optString("base_url").orElse(null);
    String base =
        configured != null
            ? configured
            : auth.baseUrl() != null ? auth.baseUrl() : manifest.baseUrl();
    List<String> rebase = new ArrayList<>();
    rebase.add(manifest.baseUrl());
    rebase.add(auth.baseUrl());
    Integer sample = config.has("max_pages") ? (int) config.integer("max_pages", 0) : null;
    StreamReader reader =
        new StreamReader(
            manifest,
            executor,
            values,
            base,
            rebase,
            auth.vars(),
            resources,
            context.window(),
            sample,
            json);
    return new Session(transport, scrubber, reader, executor, json);
  }

  @Override
  public CheckResult check(Config config) {
    Manifest.Stream stream =
        manifest.checkStream() != null
            ? manifest.stream(manifest.checkStream()).orElseThrow()
            : manifest.streams().stream()
                .filter(s -> s.parent() == null)
                .findFirst()
                .orElse(manifest.streams().get(0));
    try {
      Session s = session(config);
      StreamReader.Partition first = s.reader().partitions(stream, () -> false).get(0);
      Map<String, Object> ctx = new LinkedHashMap<>(s.reader().baseContext());
      ctx.put("partition", first.values());
      ctx.put("parent", first.parent() == null ? Map.of() : first.parent());
      ctx.put("cursor", Map.of());
      ctx.put("stream", Map.of("name", stream.name()));
      var call = s.reader().request(stream, ctx, Map.of());
      s.executor().fetch(call, stream.errors(), () -> false);
      return CheckResult.ok(
          "fetched the first page of stream '"
              + stream.name()
              + "' from "
              + AuthSession.safe(call.uri()));
    } catch (TributaryException e) {
      return CheckResult.failed(e.getMessage());
    }
  }

  @Override
  public List<StreamSpec> discover(Config config) {
    List<StreamSpec> out = new ArrayList<>();
    for (Manifest.Stream s : manifest.streams()) {
      out.add(
          new StreamSpec(
              s.name(),
              s.schema(),
              s.primaryKey(),
              Optional.ofNullable(s.incremental()).map(Manifest.Incremental::cursorField)));
    }
    return out;
  }

  @Override
  public void read(StreamSpec spec, Config config, Map<String, Object> state, Emitter emitter) {
    Manifest.Stream stream =
        manifest.stream(spec.name())
            .orElseThrow(
                () ->
                    new ConfigException(
                        "connector '"
                            + manifest.name()
                            + "' has no stream '"
                            + spec.name()
                            + "'; streams: "
                            + String.join(
                                ", ",
                                manifest.streams().stream().map(Manifest.Stream::name).toList())));
    Session s = session(config);
    boolean incremental = stream.incremental() != null;
    StateBook book = incremental ? StateBook.from(stream.name(), state) : null;
    boolean backfill = context.window().isPresent();
    Object lock = new Object();
    StreamReader.Sink sink =
        new StreamReader.Sink() {
          // every record of a page has the same origin: scrub it once per page, not per record
          private volatile String[] lastOrigin = {null, null};

          @Override
          public void record(Map<String, Object> data, String origin) {
            String[] last = lastOrigin;
            String scrubbed;
            if (origin.equals(last[0])) {
              scrubbed = last[1];
            } else {
              scrubbed = s.scrubber().scrub(origin);
              lastOrigin = new String[] {origin, scrubbed};
            }
            emitter.emit(Record.of(stream.name(), data, scrubbed));
          }

          @Override
          public void reject(Map<String, Object> raw, String origin, String reason) {
            String payload;
            try {
              payload = s.json().mapper().writeValueAsString(raw);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              payload = String.valueOf(raw);
            }
            emitter.reject(
                new RejectedInput(stream.name(), payload, s.scrubber().scrub(origin), reason));
          }

          @Override
          public void position(String partition, StateBook.Position position) {
            if (backfill) {
              return;
            }
            synchronized (lock) {
              book.commit(partition, position);
              emitter.checkpoint(new Checkpoint(stream.name(), book.snapshot()));
            }
          }

          @Override
          public boolean cancelled() {
            return emitter.isCancelled();
          }
        };
    try {
      s.reader().read(stream, book, incremental, sink);
    } catch (PermanentException e) {
      throw new PermanentException(s.scrubber().scrub(e.getMessage()), e.getCause());
    } catch (RetriableException e) {
      throw new RetriableException(s.scrubber().scrub(e.getMessage()), e.getCause());
    }
  }

  @Override
  public void close() {
    sessions.values().forEach(s -> s.transport().close());
    sessions.clear();
  }
}
