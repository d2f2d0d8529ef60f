package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.app.UserError;
import io.tributary.engine.Redactor;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.run.QuarantineReplay;
import io.tributary.spi.store.QuarantineEntry;
import io.tributary.spi.store.QuarantineFilter;
import io.tributary.spi.store.QuarantinedRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary quarantine list|show|replay|purge}. */
@Command(
    name = "quarantine",
    description = "Inspect, replay and purge rejected records (the dead letters).",
    subcommands = {
      QuarantineCommand.ListEntries.class,
      QuarantineCommand.ShowEntry.class,
      QuarantineCommand.Replay.class,
      QuarantineCommand.Purge.class
    })
public final class QuarantineCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code quarantine list}. */
  @Command(name = "list", description = "List quarantined records, newest first.")
  public static final class ListEntries extends EnvCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline's.")
    String pipeline;

    @Option(names = "--stream", paramLabel = "NAME", description = "Only this stream's.")
    String stream;

    @Option(names = "--rule", paramLabel = "RULE", description = "Only those this rule rejected.")
    String rule;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "How many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print a JSON array (without payloads).")
    boolean json;

    @Mixin DataDirOption dataDir;

    @Override
    public Integer call() {
      if (limit <= 0) {
        throw new UserError("--limit must be > 0 but was " + limit, ExitCodes.USAGE);
      }
      try (AppContext ctx = dataDir.context(env)) {
        List<QuarantinedRecord> entries =
            ctx.readOnlyStore()
                .quarantined(new QuarantineFilter(pipeline, stream, rule, null), limit);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(entries.stream().map(e -> entry(e, false, null)).toList()));
        } else if (entries.isEmpty()) {
          out.println("the quarantine is empty");
        } else {
          List<List<String>> rows = new ArrayList<>();
          for (QuarantinedRecord r : entries) {
            QuarantineEntry e = r.entry();
            rows.add(
                List.of(
                    String.valueOf(r.id()),
                    e.pipeline(),
                    e.stream(),
                    e.stage(),
                    String.valueOf(e.rule()),
                    shorten(e.reason(), 60),
                    String.valueOf(e.at())));
          }
          Tables.print(
              out, List.of("id", "pipeline", "stream", "stage", "rule", "reason", "at"), rows);
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code quarantine show ID}. */
  @Command(name = "show", description = "Show one quarantined record with its payload.")
  public static final class ShowEntry extends EnvCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The entry's id (from list).")
    long id;

    @Option(
        names = "--pipeline-file",
        paramLabel = "FILE",
        description =
            "Also mask this pipeline's current secret values in the output (payloads are"
                + " already scrubbed of the secrets the pipeline had when it ran).")
    Path pipelineFile;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Mixin DataDirOption dataDir;

    @Override
    public Integer call() {
      try (AppContext ctx = dataDir.context(env)) {
        Redactor redactor =
            pipelineFile == null
                ? Redactor.none()
                : new Redactor(ctx.loadPipeline(pipelineFile).secrets());
        QuarantinedRecord r =
            ctx.readOnlyStore()
                .quarantined(id)
                .orElseThrow(
                    () -> new UserError("no quarantine entry with id " + id, ExitCodes.USAGE));
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> m = entry(r, true, redactor);
        if (json) {
          out.println(Json.write(m));
        } else {
          m.forEach(
              (k, v) -> {
                if (!"payload".equals(k)) {
                  out.printf("%s: %s%n", k, v);
                }
              });
          out.println("payload:");
          out.println(m.get("payload"));
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code quarantine replay PIPELINE_FILE}. */
  @Command(
      name = "replay",
      description =
          "Re-process a pipeline's quarantined records through its current processors: those"
              + " that now pass are stored and leave the quarantine (in one transaction per"
              + " stream), those that still fail stay with their current reason.")
  public static final class Replay extends EnvCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PIPELINE_FILE", description = "The pipeline file.")
    Path file;

    @Option(names = "--stream", paramLabel = "NAME", description = "Only this stream's records.")
    String stream;

    @Option(names = "--dry-run", description = "Report what would happen; write nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Mixin DataDirOption dataDir;

    @Override
    public Integer call() {
      try (AppContext ctx = dataDir.context(env)) {
        PipelineConfig pipeline = ctx.loadPipeline(file);
        QuarantineReplay.Report report =
            ctx.runner(pipeline).replayQuarantine(pipeline, stream, dryRun);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("pipeline", report.pipeline());
          m.put("dry_run", report.dryRun());
          m.put("replayed", report.replayed());
          m.put("dropped", report.dropped());
          m.put("still_failing", report.stillFailing());
          m.put("skipped", report.skipped());
          List<Object> streams = new ArrayList<>();
          for (QuarantineReplay.StreamResult s : report.streams()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("stream", s.stream());
            sm.put("table", s.table());
            sm.put("replayed", s.replayed());
            sm.put("dropped", s.dropped());
            sm.put("still_failing", s.stillFailing());
            sm.put("reason_updated", s.updated());
            sm.put("skipped", s.skipped());
            streams.add(sm);
          }
          m.put("streams", streams);
          out.println(Json.write(m));
        } else {
          for (QuarantineReplay.StreamResult s : report.streams()) {
            out.printf(
                "%s -> %s: %d replayed, %d dropped by a processor, %d still failing (%d with a"
                    + " new reason), %d skipped%n",
                s.stream(),
                s.table(),
                s.replayed(),
                s.dropped(),
                s.stillFailing(),
                s.updated(),
                s.skipped());
          }
          out.printf(
              "%s%d replayed, %d dropped, %d still failing, %d skipped%n",
              dryRun ? "dry run, nothing written: " : "",
              report.replayed(),
              report.dropped(),
              report.stillFailing(),
              report.skipped());
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code quarantine purge}. */
  @Command(
      name = "purge",
      description = "Delete quarantined records; without --yes, only show what would be deleted.")
  public static final class Purge extends EnvCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline's.")
    String pipeline;

    @Option(names = "--stream", paramLabel = "NAME", description = "Only this stream's.")
    String stream;

    @Option(
        names = "--before",
        paramLabel = "DATE",
        description =
            "Only those quarantined before DATE (2026-01-31, meaning midnight UTC, or an ISO"
                + " instant such as 2026-01-31T12:00:00Z).")
    String before;

    @Option(names = "--yes", description = "Really delete them.")
    boolean yes;

    @Mixin DataDirOption dataDir;

    @Override
    public Integer call() {
      QuarantineFilter filter = new QuarantineFilter(pipeline, stream, null, parseDate(before));
      try (AppContext ctx = dataDir.context(env)) {
        PrintWriter out = spec.commandLine().getOut();
        List<QuarantinedRecord> matching =
            (yes ? ctx.store() : ctx.readOnlyStore()).quarantined(filter, Integer.MAX_VALUE);
        Map<String, Integer> byStream = new TreeMap<>();
        matching.forEach(
            r -> byStream.merge(r.entry().pipeline() + "." + r.entry().stream(), 1, Integer::sum));
        if (!yes) {
          byStream.forEach((k, n) -> out.printf("%s: %d%n", k, n));
          out.printf(
              "would delete %d quarantined record(s); run again with --yes to delete them%n",
              matching.size());
        } else {
          int n =
              ctx.store().deleteQuarantine(matching.stream().map(QuarantinedRecord::id).toList());
          out.printf("deleted %d quarantined record(s)%n", n);
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  static Instant parseDate(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADate) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new UserError(
            "--before: '" + text + "' is neither a date (2026-01-31) nor an ISO instant",
            ExitCodes.USAGE);
      }
    }
  }

  private static Map<String, Object> entry(
      QuarantinedRecord r, boolean withPayload, Redactor redactor) {
    QuarantineEntry e = r.entry();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("run_id", e.runId());
    m.put("pipeline", e.pipeline());
    m.put("stream", e.stream());
    m.put("stage", e.stage());
    m.put("rule", e.rule());
    m.put("field", e.field());
    m.put("reason", redactor == null ? e.reason() : redactor.scrub(e.reason()));
    m.put("origin", e.origin());
    m.put("at", e.at() == null ? null : e.at().toString());
    if (withPayload) {
      m.put("payload", redactor == null ? e.payload() : redactor.scrub(e.payload()));
    }
    return m;
  }

  private static String shorten(String s, int max) {
    if (s == null || s.length() <= max) {
      return String.valueOf(s);
    }
    return s.substring(0, max - 1) + "…";
  }
}
