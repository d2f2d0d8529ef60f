package io.tributary.app.cli;

import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.engine.Plugins;
import io.tributary.engine.Redactor;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.spi.CheckResult;
import io.tributary.spi.Checkpoint;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary connectors list|spec|check|discover|read}. */
@Command(
    name = "connectors",
    description =
        "List connectors, show their configuration, and try them without storing anything.",
    subcommands = {
      ConnectorsCommand.ListConnectors.class,
      ConnectorsCommand.SpecConnector.class,
      ConnectorsCommand.CheckConnector.class,
      ConnectorsCommand.DiscoverConnector.class,
      ConnectorsCommand.ReadConnector.class
    })
public final class ConnectorsCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  abstract static class Base extends EnvCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--project",
        paramLabel = "DIR",
        description =
            "Project directory whose connectors/ folder holds your manifests (default: .).")
    Path project;

    AppContext context() {
      return new AppContext(Path.of("."), Clock.systemUTC(), env);
    }

    Path projectDir() {
      return (project == null ? Path.of(".") : project).toAbsolutePath().normalize();
    }
  }

  /** Commands about the catalog itself, optionally with the manifests a pipeline names. */
  abstract static class CatalogCommand extends Base {
    @Option(
        names = "--pipeline",
        paramLabel = "FILE",
        description = "Also the connector manifests this pipeline names in source.manifests.")
    Path pipeline;

    Plugins plugins(AppContext ctx) {
      if (pipeline == null) {
        return ctx.plugins(projectDir());
      }
      return ctx.pluginsFor(pipeline, project == null ? null : projectDir());
    }
  }

  /** {@code connectors list}. */
  @Command(
      name = "list",
      description = "List the available connectors (built-in and your manifests).")
  public static final class ListConnectors extends CatalogCommand {
    @Option(
        names = "--json",
        description = "Print a JSON array of {name, kind, description, streams}.")
    boolean json;

    @Override
    public Integer call() {
      try (AppContext ctx = context()) {
        Plugins plugins = plugins(ctx);
        var out = spec.commandLine().getOut();
        if (json) {
          List<Map<String, Object>> list = new ArrayList<>();
          for (ConnectorProvider p : plugins.connectors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("kind", p.kind());
            m.put("description", p.description());
            m.put("streams", p.streamNames());
            list.add(m);
          }
          out.println(Json.write(list));
        } else {
          List<List<String>> rows = new ArrayList<>();
          for (ConnectorProvider p : plugins.connectors()) {
            rows.add(
                List.of(
                    p.name(),
                    p.kind(),
                    p.streamNames().isEmpty()
                        ? "(from config)"
                        : String.join(", ", p.streamNames()),
                    p.description()));
          }
          Tables.print(out, List.of("connector", "kind", "streams", "description"), rows);
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code connectors spec NAME}. */
  @Command(name = "spec", description = "Show the configuration a connector accepts.")
  public static final class SpecConnector extends CatalogCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--json", description = "Print the fields as JSON.")
    boolean json;

    @Override
    public Integer call() {
      try (AppContext ctx = context()) {
        ConnectorProvider p = plugins(ctx).connector(name);
        var out = spec.commandLine().getOut();
        if (json) {
          List<Map<String, Object>> fields = new ArrayList<>();
          for (ConfigField f : p.spec().fields()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("type", f.type().name().toLowerCase(java.util.Locale.ROOT));
            m.put("required", f.required());
            m.put("secret", f.secret());
            m.put("default", f.defaultValue());
            m.put("allowed", f.allowedValues());
            m.put("description", f.description());
            fields.add(m);
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", p.name());
          m.put("kind", p.kind());
          m.put("description", p.description());
          m.put("fields", fields);
          out.println(Json.write(m));
        } else {
          out.println(p.name() + " (" + p.kind() + "): " + p.description());
          List<List<String>> rows = new ArrayList<>();
          for (ConfigField f : p.spec().fields()) {
            rows.add(
                List.of(
                    f.name(),
                    f.type().name().toLowerCase(java.util.Locale.ROOT),
                    f.required() ? "yes" : "no",
                    f.defaultValue() == null ? "" : String.valueOf(f.defaultValue()),
                    f.secret() ? "secret" : "",
                    f.description()));
          }
          Tables.print(out, List.of("key", "type", "required", "default", "", "description"), rows);
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** Commands that take a pipeline file for the connector and its configuration. */
  abstract static class WithPipeline extends Base {
    @Parameters(
        index = "0",
        paramLabel = "PIPELINE",
        description = "A pipeline file whose source to use.")
    Path file;

    <T> T withConnector(ConnectorTask<T> task) {
      try (AppContext ctx = context()) {
        PipelineConfig p = ctx.loadPipeline(file);
        Plugins plugins = ctx.plugins(p.baseDir(), p.source().manifests());
        ConnectorProvider provider = plugins.connector(p.source().connector());
        Config config = Config.of(provider.spec(), p.source().config());
        try (Connector c = provider.create(ConnectorContext.of(p.baseDir(), Clock.systemUTC()))) {
          return task.apply(c, config, new Redactor(p.secrets()));
        }
      }
    }

    interface ConnectorTask<T> {
      T apply(Connector c, Config config, Redactor redactor);
    }
  }

  /** {@code connectors check PIPELINE}. */
  @Command(
      name = "check",
      description = "Check that the pipeline's source can connect and authenticate.")
  public static final class CheckConnector extends WithPipeline {
    @Override
    public Integer call() {
      return withConnector(
          (c, config, redactor) -> {
            CheckResult r = c.check(config);
            var out = spec.commandLine().getOut();
            out.println((r.ok() ? "ok: " : "failed: ") + redactor.scrub(r.message()));
            out.flush();
            return r.ok() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
          });
    }
  }

  /** {@code connectors discover PIPELINE}. */
  @Command(
      name = "discover",
      description = "List the streams of the pipeline's source with keys and schemas.")
  public static final class DiscoverConnector extends WithPipeline {
    @Option(names = "--json", description = "Print the streams as JSON (with their JSON Schemas).")
    boolean json;

    @Override
    public Integer call() {
      return withConnector(
          (c, config, redactor) -> {
            List<StreamSpec> streams = c.discover(config);
            var out = spec.commandLine().getOut();
            if (json) {
              List<Map<String, Object>> list = new ArrayList<>();
              for (StreamSpec s : streams) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.name());
                m.put("primary_key", s.primaryKey());
                m.put("cursor_field", s.cursorField().orElse(null));
                m.put("schema", s.jsonSchema());
                list.add(m);
              }
              out.println(Json.write(list));
            } else {
              List<List<String>> rows = new ArrayList<>();
              for (StreamSpec s : streams) {
                Object props = s.jsonSchema().get("properties");
                int fields = props instanceof Map<?, ?> m ? m.size() : 0;
                rows.add(
                    List.of(
                        s.name(),
                        String.join(",", s.primaryKey()),
                        s.cursorField().orElse(""),
                        String.valueOf(fields)));
              }
              Tables.print(out, List.of("stream", "primary key", "cursor", "fields"), rows);
            }
            out.flush();
            return ExitCodes.OK;
          });
    }
  }

  /** {@code connectors read PIPELINE STREAM}. */
  @Command(
      name = "read",
      description =
          "Read a stream of the pipeline's source and print records as JSON lines; stores nothing.")
  public static final class ReadConnector extends WithPipeline {
    @Parameters(index = "1", paramLabel = "STREAM")
    String stream;

    @Option(
        names = "--limit",
        defaultValue = "10",
        description = "Stop after N records (default ${DEFAULT-VALUE}).")
    long limit;

    @Override
    public Integer call() {
      return withConnector(
          (c, config, redactor) -> {
            StreamSpec s =
                c.discover(config).stream()
                    .filter(x -> x.name().equals(stream))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new io.tributary.app.UserError(
                                "the source has no stream '" + stream + "'", ExitCodes.USAGE));
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            AtomicLong n = new AtomicLong();
            Emitter e =
                new Emitter() {
                  @Override
                  public synchronized void emit(Record r) {
                    if (n.incrementAndGet() > limit) {
                      throw new io.tributary.spi.CancelledException("limit reached");
                    }
                    out.println(redactor.scrub(Json.write(r.data())));
                  }

                  @Override
                  public void checkpoint(Checkpoint cp) {}

                  @Override
                  public synchronized void reject(RejectedInput in) {
                    err.println("rejected " + in.origin() + ": " + redactor.scrub(in.reason()));
                  }

                  @Override
                  public boolean isCancelled() {
                    return n.get() >= limit;
                  }
                };
            try {
              c.read(s, config, Map.of(), e);
            } catch (io.tributary.spi.CancelledException done) {
              // the limit was reached
            }
            out.flush();
            return ExitCodes.OK;
          });
    }
  }
}
