package io.tributary.engine.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.engine.Plugins;
import io.tributary.engine.Redactor;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.config.StepConfig;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.Record;
import io.tributary.spi.RecordException;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.store.QuarantineEntry;
import io.tributary.spi.store.QuarantineFilter;
import io.tributary.spi.store.QuarantinedRecord;
import io.tributary.spi.store.Store;
import io.tributary.spi.store.TableRef;
import io.tributary.spi.store.WriteBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-processes a pipeline's quarantined records through its current processors.
 *
 * <p>Per stream, every quarantined entry whose payload is a complete JSON object is turned back
 * into a record, stamped (key and hash) and run through a freshly built processor chain exactly as
 * {@link StreamJob} does. Records that now pass are upserted into the stream table and their
 * entries deleted in one store transaction ({@link WriteBatch#resolved}); records a processor now
 * drops (filter, duplicate) are no longer rejected, so their entries are deleted too; records that
 * still fail stay, with stage, rule, field and reason updated when those changed. Entries that
 * cannot be replayed are skipped and left alone: read-stage rejects whose payload is not a JSON
 * object, and payloads that were truncated when they were quarantined.
 *
 * <p>Not thread-safe; create one per replay.
 */
public final class QuarantineReplay {
  private static final Logger log = LoggerFactory.getLogger(QuarantineReplay.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** What the replay of one stream did (or, for a dry run, would do). */
  public record StreamResult(
      String stream,
      String table,
      int replayed,
      int dropped,
      int stillFailing,
      int updated,
      int skipped) {}

  /** What a replay did across the pipeline's streams. */
  public record Report(String pipeline, boolean dryRun, List<StreamResult> streams) {
    public int replayed() {
      return streams.stream().mapToInt(StreamResult::replayed).sum();
    }

    public int dropped() {
      return streams.stream().mapToInt(StreamResult::dropped).sum();
    }

    public int stillFailing() {
      return streams.stream().mapToInt(StreamResult::stillFailing).sum();
    }

    public int skipped() {
      return streams.stream().mapToInt(StreamResult::skipped).sum();
    }
  }

  private final Plugins plugins;
  private final Store store;
  private final Clock clock;
  private final ObjectMapper json;
  private final String runId;

  QuarantineReplay(Plugins plugins, Store store, Clock clock, ObjectMapper json, String runId) {
    this.plugins = plugins;
    this.store = store;
    this.clock = clock;
    this.json = json;
    this.runId = runId;
  }

  Report replay(PipelineConfig p, String onlyStream, boolean dryRun) {
    Redactor redactor = new Redactor(p.secrets());
    ConnectorProvider provider = plugins.connector(p.source().connector());
    Config config = Config.of(provider.spec(), p.source().config());
    RunOptions options = RunOptions.cli();
    ConnectorContext ctx =
        new ConnectorContext(
            p.baseDir(),
            clock,
            java.util.Optional.empty(),
            store,
            options.connectorOptions(),
            store,
            store);
    List<StreamSpec> streams;
    try (Connector connector = provider.create(ctx)) {
      streams = PipelineRunner.select(p, options, connector.discover(config));
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      throw new ConfigException(
          "cannot discover the streams of pipeline '"
              + p.name()
              + "' (replay needs their primary keys and schemas): "
              + redactor.scrub(String.valueOf(e.getMessage())));
    }
    if (onlyStream != null && streams.stream().noneMatch(s -> s.name().equals(onlyStream))) {
      throw new ConfigException(
          "the pipeline has no stream '"
              + onlyStream
              + "'; it has: "
              + String.join(", ", streams.stream().map(StreamSpec::name).toList()));
    }
    List<Config> stepConfigs = new ArrayList<>();
    for (StepConfig step : p.process()) {
      ProcessorProvider pp = plugins.processor(step.type());
      stepConfigs.add(Config.of(pp.spec(), step.config()));
    }
    List<StreamResult> results = new ArrayList<>();
    for (StreamSpec s : streams) {
      if (onlyStream != null && !onlyStream.equals(s.name())) {
        continue;
      }
      List<QuarantinedRecord> entries =
          new ArrayList<>(
              store.quarantined(QuarantineFilter.of(p.name(), s.name()), Integer.MAX_VALUE));
      if (entries.isEmpty()) {
        continue;
      }
      entries = entries.reversed(); // oldest first, as they were read
      List<StreamJob.NamedProcessor> procs = new ArrayList<>();
      ProcessorContext pctx = new ProcessorContext(p.name(), s, p.baseDir(), clock);
      for (int i = 0; i < p.process().size(); i++) {
        Processor proc =
            plugins.processor(p.process().get(i).type()).create(stepConfigs.get(i), pctx);
        procs.add(new StreamJob.NamedProcessor(p.process().get(i).type(), proc));
      }
      try {
        results.add(replayStream(p, provider.name(), s, entries, procs, redactor, dryRun));
      } finally {
        for (StreamJob.NamedProcessor np : procs) {
          try {
            np.processor().close();
          } catch (Exception e) {
            log.warn("processor {} did not close cleanly: {}", np.type(), e.getMessage());
          }
        }
      }
    }
    return new Report(p.name(), dryRun, results);
  }

  private StreamResult replayStream(
      PipelineConfig p,
      String source,
      StreamSpec s,
      List<QuarantinedRecord> entries,
      List<StreamJob.NamedProcessor> procs,
      Redactor redactor,
      boolean dryRun) {
    TableRef table = new TableRef(p.store().schema(), TableRef.sanitize(s.name()));
    RecordStamper stamper = new RecordStamper(s.primaryKey(), json);
    Instant now = clock.instant();
    Map<String, Record> passed = new LinkedHashMap<>();
    List<Long> resolved = new ArrayList<>();
    List<QuarantineEntry> replaced = new ArrayList<>();
    int replayed = 0;
    int dropped = 0;
    int stillFailing = 0;
    int updated = 0;
    int skipped = 0;
    for (QuarantinedRecord qr : entries) {
      QuarantineEntry e = qr.entry();
      Map<String, Object> data = parse(e.payload());
      if (data == null) {
        skipped++;
        continue;
      }
      Outcome o = process(Record.of(s.name(), data, e.origin()), stamper, procs, redactor, now);
      switch (o) {
        case Outcome.Passed ok -> {
          passed.put(ok.record().key(), ok.record());
          resolved.add(qr.id());
          replayed++;
        }
        case Outcome.Dropped d -> {
          resolved.add(qr.id());
          dropped++;
        }
        case Outcome.Failed f -> {
          stillFailing++;
          if (!Objects.equals(f.stage(), e.stage())
              || !Objects.equals(f.rule(), e.rule())
              || !Objects.equals(f.field(), e.field())
              || !Objects.equals(f.reason(), e.reason())) {
            // same payload, run and time; the current verdict replaces the old one
            resolved.add(qr.id());
            replaced.add(
                new QuarantineEntry(
                    e.runId(),
                    e.pipeline(),
                    e.stream(),
                    f.stage(),
                    f.rule(),
                    f.field(),
                    f.reason(),
                    e.origin(),
                    e.payload(),
                    e.at()));
            updated++;
          }
        }
      }
    }
    if (!dryRun && !resolved.isEmpty()) {
      store.write(
          new WriteBatch(
              runId,
              p.name(),
              source,
              table,
              s,
              List.copyOf(passed.values()),
              replaced,
              null,
              resolved));
    }
    log.info(
        "replay of {}.{}: {} replayed, {} dropped, {} still failing, {} skipped{}",
        p.name(),
        s.name(),
        replayed,
        dropped,
        stillFailing,
        skipped,
        dryRun ? " (dry run, nothing written)" : "");
    return new StreamResult(
        s.name(), table.toString(), replayed, dropped, stillFailing, updated, skipped);
  }

  /** The payload as a record's data, or {@code null} when it cannot be replayed. */
  private Map<String, Object> parse(String payload) {
    if (payload == null || payload.isBlank() || StreamJob.isTruncated(payload)) {
      return null;
    }
    try {
      if (!json.readTree(payload).isObject()) {
        return null;
      }
      return json.readValue(payload, MAP);
    } catch (Exception e) {
      return null;
    }
  }

  private sealed interface Outcome {
    record Passed(Record record) implements Outcome {}

    record Dropped() implements Outcome {}

    record Failed(String stage, String rule, String field, String reason) implements Outcome {}
  }

  /** The run's own steps ({@link ProcessorChain}), with every reason scrubbed. */
  private static Outcome process(
      Record r,
      RecordStamper stamper,
      List<StreamJob.NamedProcessor> procs,
      Redactor redactor,
      Instant now) {
    return switch (ProcessorChain.apply(r, stamper, procs, now)) {
      case ProcessorChain.Outcome.Passed ok -> new Outcome.Passed(ok.record());
      case ProcessorChain.Outcome.Dropped d -> new Outcome.Dropped();
      case ProcessorChain.Outcome.Failed f ->
          new Outcome.Failed(
              f.stage(),
              f.rule(),
              f.field(),
              redactor.scrub(
                  f.error() == null || f.error() instanceof RecordException
                      ? f.reason()
                      : f.error().getClass().getSimpleName() + ": " + f.reason()));
    };
  }
}
