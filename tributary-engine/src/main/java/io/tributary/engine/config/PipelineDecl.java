package io.tributary.engine.config;

import io.tributary.engine.Plugins;
import io.tributary.engine.config.Decl.ConnectorConfig;
import io.tributary.engine.config.Decl.Either;
import io.tributary.engine.config.Decl.Free;
import io.tributary.engine.config.Decl.ListOf;
import io.tributary.engine.config.Decl.Obj;
import io.tributary.engine.config.Decl.Prop;
import io.tributary.engine.config.Decl.Scalar;
import io.tributary.engine.config.Decl.Step;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.config.FieldType;
import java.util.List;
import java.util.regex.Pattern;

/** The declaration of the pipeline file for a set of plugins. */
final class PipelineDecl {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  static final String NAME_RULE =
      "must start with a lower-case letter and contain only a-z, 0-9, '_' and '-'";
  static final Pattern STREAM = Pattern.compile("[a-z_][a-z0-9_]*");
  static final String STREAM_RULE =
      "must be a SQL identifier: lower-case letters, digits and '_', not starting with a digit";
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  static final String IDENTIFIER_RULE =
      "must be a SQL identifier: letters, digits and '_', not starting with a digit, at most 63"
          + " characters";

  static final String STORE_DUCKDB = "duckdb";
  static final long DEFAULT_BATCH_SIZE = 10_000;
  static final long DEFAULT_FLUSH_MS = 1_000;
  static final String DEFAULT_TIMEZONE = "UTC";
  static final String DEFAULT_CATCH_UP = "run_once";
  static final List<String> CATCH_UP = List.of("skip", "run_once", "run_all");

  private PipelineDecl() {}

  static Obj root(Plugins plugins) {
    List<String> connectors = plugins.connectors().stream().map(ConnectorProvider::name).toList();
    List<String> processors = plugins.processors().stream().map(ProcessorProvider::name).toList();

    Scalar name =
        Scalar.of(
                FieldType.STRING,
                "The pipeline's name; also the SQL schema its tables go in unless store.schema"
                    + " says otherwise.")
            .matching(NAME, NAME_RULE)
            .example("reddit-sentiment");

    Obj stream =
        new Obj(
            "A stream to read, with optional overrides of what the connector declares.",
            List.of(
                Prop.required(
                    "name",
                    Scalar.of(FieldType.STRING, "The stream's name, as the connector lists it.")
                        .matching(STREAM, STREAM_RULE)),
                Prop.optional(
                    "primary_key",
                    Scalar.of(
                        FieldType.STRING_LIST,
                        "The fields that identify a record (one name or a list); overrides the"
                            + " connector's key.")),
                Prop.optional(
                    "cursor_field",
                    Scalar.of(
                        FieldType.STRING,
                        "The field that orders records for incremental reads; overrides the"
                            + " connector's cursor."))));

    Obj source =
        new Obj(
            "Where records come from: a connector, its configuration and the streams to read.",
            List.of(
                Prop.required(
                    "connector",
                    Scalar.of(
                            FieldType.STRING,
                            "The connector's name, as listed by `tributary connectors list`.")
                        .oneOf(connectors, "connector")),
                Prop.withDefault(
                    "config",
                    new ConnectorConfig(
                        "The connector's settings; the keys depend on the connector (see its"
                            + " reference).",
                        "connector"),
                    null),
                Prop.optional(
                    "manifests",
                    Scalar.of(
                            FieldType.STRING_LIST,
                            "Connector manifests to use besides the project's connectors/ folder:"
                                + " a file or folder (or a list of them), relative to the"
                                + " pipeline file. A manifest here replaces one of the same"
                                + " name.")
                        .example("../shared-connectors")),
                Prop.optional(
                    "streams",
                    new ListOf(
                        "The streams to read, each a name or {name, primary_key, cursor_field};"
                            + " absent means every stream the connector offers.",
                        new Either(
                            "A stream name or a stream entry.",
                            Scalar.of(FieldType.STRING, "The stream's name.")
                                .matching(STREAM, STREAM_RULE),
                            stream),
                        true))));

    Step step =
        new Step(
            "One processor step: `type` names the processor, its settings sit beside it (see"
                + " the processor's reference).",
            Scalar.of(FieldType.STRING, "The processor's name.").oneOf(processors, "processor"));

    Obj store =
        new Obj(
            "Where records go.",
            List.of(
                Prop.withDefault(
                    "type",
                    Scalar.of(FieldType.STRING, "The store: the embedded DuckDB file.")
                        .oneOf(List.of(STORE_DUCKDB), null)
                        .checkedBy(PipelineDecl::storeType),
                    STORE_DUCKDB),
                new Prop(
                    "schema",
                    Scalar.of(FieldType.STRING, "The SQL schema the stream tables go in.")
                        .matching(IDENTIFIER, IDENTIFIER_RULE),
                    false,
                    null,
                    "the pipeline's name, lower-cased, other characters replaced by '_'"),
                Prop.withDefault(
                    "batch_size",
                    Scalar.of(FieldType.INTEGER, "Records per write transaction.")
                        .between(1L, (long) Integer.MAX_VALUE),
                    DEFAULT_BATCH_SIZE),
                Prop.withDefault(
                    "flush_ms",
                    Scalar.of(
                            FieldType.INTEGER,
                            "The longest a record waits, in milliseconds, before its batch is"
                                + " written.")
                        .between(1L, null),
                    DEFAULT_FLUSH_MS),
                new Prop(
                    "max_quarantine",
                    Scalar.of(
                            FieldType.INTEGER,
                            "The most records one run may quarantine, counted over all its"
                                + " streams. A run that rejects more stops with status failed"
                                + " and an error naming this cap, instead of filling the disk"
                                + " with dead letters; what it stored before stays.")
                        .between(1L, null),
                    false,
                    null,
                    "no cap")));

    Obj schedule =
        new Obj(
            "When the pipeline runs. Without a schedule it runs only when triggered.",
            List.of(
                Prop.optional(
                    "cron",
                    Scalar.of(
                            FieldType.STRING,
                            "A cron expression: 5 fields (minute hour day-of-month month"
                                + " day-of-week) or 6 with seconds first.")
                        .checkedBy(ScheduleSyntax::cron)
                        .example("0 */6 * * *")),
                Prop.optional(
                    "every",
                    Scalar.of(
                            FieldType.STRING,
                            "A fixed interval: a number and s, m, h or d (30s, 15m, 6h, 1d).")
                        .matching(ScheduleSyntax.EVERY, "must be a number followed by s, m, h or d")
                        .checkedBy(ScheduleSyntax::every)
                        .example("6h")),
                Prop.optional(
                    "at",
                    Scalar.of(FieldType.STRING, "One run at this ISO-8601 instant.")
                        .checkedBy(ScheduleSyntax::at)
                        .example("2026-12-01T06:00:00Z")),
                Prop.withDefault(
                    "timezone",
                    Scalar.of(FieldType.STRING, "The IANA time zone cron expressions are read in.")
                        .checkedBy(ScheduleSyntax::timezone)
                        .example("Europe/Berlin"),
                    DEFAULT_TIMEZONE),
                Prop.withDefault(
                    "catch_up",
                    Scalar.of(
                            FieldType.STRING,
                            "What to do about runs missed while Tributary was down: skip them, run"
                                + " once, or run each.")
                        .oneOf(CATCH_UP, null),
                    DEFAULT_CATCH_UP)),
            List.of("cron", "every", "at"),
            false);

    return new Obj(
        "A Tributary pipeline: a source, processor steps and a store, with an optional schedule,"
            + " alerts, quality settings and upstream pipelines.",
        List.of(
            Prop.required("name", name),
            Prop.optional(
                "description",
                Scalar.of(FieldType.STRING, "What the pipeline is for, in a sentence.")),
            Prop.required("source", source),
            Prop.optional(
                "process",
                new ListOf("Processor steps, applied to every record in this order.", step, false)),
            Prop.optional("store", store),
            Prop.optional("schedule", schedule),
            Prop.optional(
                "alerts",
                new ListOf(
                    "Alert rules (kept as written; the alerting module validates them).",
                    new Free("One alert rule.", FieldType.OBJECT),
                    false)),
            Prop.optional(
                "quality",
                new Free(
                    "Quality settings (kept as written; the quality module validates them).",
                    FieldType.OBJECT)),
            Prop.optional(
                "after",
                new ListOf(
                    "Pipelines that must succeed before this one runs.",
                    Scalar.of(FieldType.STRING, "An upstream pipeline's name.")
                        .matching(NAME, NAME_RULE),
                    true)),
            Prop.optional(
                "exports",
                new ListOf(
                    "Files written from stream tables after each run in which the stream"
                        + " succeeded; each is replaced whole (written aside, then renamed).",
                    new Obj(
                        "One export.",
                        List.of(
                            Prop.required(
                                "stream",
                                Scalar.of(FieldType.STRING, "The stream whose table is exported.")
                                    .matching(IDENTIFIER, IDENTIFIER_RULE)),
                            Prop.withDefault(
                                "format",
                                Scalar.of(FieldType.STRING, "The file format.")
                                    .oneOf(List.of("csv", "json", "parquet"), null),
                                "csv"),
                            Prop.required(
                                "path",
                                Scalar.of(
                                        FieldType.STRING,
                                        "The file, relative to the pipeline file's directory.")
                                    .example("out/scores.csv"))),
                        List.of(),
                        false),
                    false))),
        List.of(),
        true);
  }

  private static String storeType(Object value) {
    if ("postgres".equals(value) || "postgresql".equals(value)) {
      return "store type '"
          + value
          + "' is not available yet; use 'duckdb' (PostgreSQL support is planned)";
    }
    return null;
  }
}
