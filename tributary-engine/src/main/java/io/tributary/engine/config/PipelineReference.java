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
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;
import io.tributary.spi.config.FieldType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generates the pipeline YAML reference ({@code docs/pipeline.md}) in Markdown from the same
 * declarations the {@link PipelineLoader} validates with: every key of the file, then every
 * installed connector's and processor's settings. Deterministic: the same plugins give the same
 * text, so a test can compare it with the committed file.
 */
public final class PipelineReference {
  private PipelineReference() {}

  /** The reference for pipeline files using {@code plugins}. */
  public static String markdown(Plugins plugins) {
    Obj root = PipelineDecl.root(plugins);
    StringBuilder md = new StringBuilder();
    md.append(
        """
        # Pipeline file reference

        <!-- Generated from the declarations by PipelineReference; do not edit by hand. -->

        A pipeline is one YAML file: where records come from (`source`), what happens to each record \
        (`process`), where they go (`store`) and, optionally, when it runs (`schedule`).

        ```yaml
        name: quickstart
        source:
          connector: file
          config:
            path: data/*.jsonl
            format: jsonl
            primary_key: [id]
        process:
          - type: validate
        store:
          batch_size: 10000
        schedule:
          every: 6h
        ```

        Check a file with `tributary validate FILE`: it lists every problem at once, each with \
        `file:line:column`, the key and the bad value, and exits with code 2 when there is one. \
        Editors complete and check pipeline files with the JSON Schema \
        `docs/schema/pipeline.schema.json`; in VS Code (YAML extension) put \
        `# yaml-language-server: $schema=<path or URL of the schema>` on the first line.

        ## Keys

        """);
    md.append("| Key | Type | Required | Default | Description |\n");
    md.append("|---|---|---|---|---|\n");
    rows(md, root, "");
    md.append(
        """

        Unknown keys are errors (with a suggestion when a key is close to a known one). Top-level \
        keys starting with `x-` are ignored: use them to hold YAML anchors that steps reuse.

        ## Values

        **Environment variables.** In any string value, `${NAME}` is replaced by the variable's \
        value and `${NAME:-default}` by the default when the variable is unset or empty; `$${` \
        writes a literal `${`. Variables come from the environment, then from a `.env` file next \
        to the pipeline file (`KEY=VALUE` lines, `#` comments, optional quotes and `export ` \
        prefix); the environment wins. An unset variable without a default is an error naming \
        the variable.

        **Secrets.** Settings marked secret below are masked (`******`) in every message, log and \
        output. Keep them out of the file: write `api_key: ${MY_API_KEY}` and put the value in the \
        environment or in `.env` (which `tributary init` adds to `.gitignore`). Values of \
        variables whose names contain SECRET, TOKEN, PASSWORD, API_KEY, PRIVATE, CREDENTIAL or \
        WEBHOOK are masked wherever they are used.

        **Types.** Values are typed by YAML 1.2: `true`/`false`, `null`/`~`, integers (`10`, \
        `0x1f`, `0o17`) and floats (`1.5`, `1e3`, `.inf`); everything else is a string, including \
        `yes`, `no`, `on`, `off` and dates. A number or boolean written where a string is expected \
        is taken as written (`api_key: 0123` is the string `0123`). An unquoted `${VAR}` is typed \
        after interpolation, so `batch_size: ${BATCH:-500}` is the integer 500; a quoted one stays \
        a string.

        **Anchors.** `&name` anchors, `*name` aliases and `<<: *name` merges work; duplicate keys \
        are errors.

        **Schedules.** `cron` takes 5 fields (minute hour day-of-month month day-of-week) or 6 \
        with seconds first, each a value, range `a-b`, list `a,b` or step `*/n`, with month and \
        day names (`JAN`, `MON`) and `?`, `L`, `W`, `#` in the day fields. `every` is a number \
        and a unit: `30s`, `15m`, `6h`, `1d`. `at` is one ISO-8601 instant with an offset, \
        e.g. `2026-12-01T06:00:00Z`.
        """);
    md.append("\n## Connectors\n");
    if (plugins.connectors().isEmpty()) {
      md.append("\nNo connectors are installed.\n");
    }
    for (ConnectorProvider c : plugins.connectors()) {
      md.append("\n### `").append(c.name()).append("`\n\n");
      ConfigSpec spec = spec(c);
      md.append(cell(c.description())).append(" Kind: `").append(c.kind()).append("`.\n");
      if (!spec.description().isBlank() && !spec.description().equals(c.description())) {
        md.append('\n').append(spec.description().strip()).append('\n');
      }
      fields(md, spec, "under `source.config`");
    }
    md.append("\n## Processors\n");
    if (plugins.processors().isEmpty()) {
      md.append("\nNo processors are installed.\n");
    }
    for (ProcessorProvider p : plugins.processors()) {
      md.append("\n### `").append(p.name()).append("`\n\n");
      ConfigSpec spec = spec(p);
      md.append(cell(p.description())).append('\n');
      if (!spec.description().isBlank() && !spec.description().equals(p.description())) {
        md.append('\n').append(spec.description().strip()).append('\n');
      }
      fields(md, spec, "beside `type: " + p.name() + "` in a `process` step");
    }
    return md.toString();
  }

  private static ConfigSpec spec(ConnectorProvider c) {
    try {
      return c.spec();
    } catch (RuntimeException e) {
      return ConfigSpec.empty();
    }
  }

  private static ConfigSpec spec(ProcessorProvider p) {
    try {
      return p.spec();
    } catch (RuntimeException e) {
      return ConfigSpec.empty();
    }
  }

  private static void fields(StringBuilder md, ConfigSpec spec, String where) {
    if (spec.fields().isEmpty()) {
      md.append("\nNo settings.\n");
      return;
    }
    md.append("\nSettings (").append(where).append("):\n\n");
    md.append("| Key | Type | Required | Default | Description | Secret |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (ConfigField f : spec.fields()) {
      StringBuilder description = new StringBuilder(f.description().strip());
      if (!f.allowedValues().isEmpty()) {
        sentence(description, "One of: " + codes(f.allowedValues()) + ".");
      }
      if (f.minimum() != null) {
        sentence(description, "At least " + f.minimum() + ".");
      }
      if (f.example() != null) {
        sentence(description, "Example: " + code(f.example()) + ".");
      }
      md.append("| `")
          .append(f.name())
          .append("` | ")
          .append(typeName(f.type()))
          .append(" | ")
          .append(f.required() ? "yes" : "no")
          .append(" | ")
          .append(f.defaultValue() == null ? "" : code(f.defaultValue()))
          .append(" | ")
          .append(cell(description.toString()))
          .append(" | ")
          .append(f.secret() ? "yes" : "")
          .append(" |\n");
    }
  }

  private static void rows(StringBuilder md, Decl decl, String path) {
    switch (decl) {
      case Obj o -> {
        for (Prop p : o.props()) {
          String childPath = path.isEmpty() ? p.name() : path + "." + p.name();
          row(md, childPath, p);
          rows(md, p.decl(), childPath);
        }
      }
      case ListOf l -> rows(md, l.items(), path + "[]");
      case Either e -> rows(md, e.whenMapping(), path);
      case Step s ->
          md.append("| `")
              .append(path)
              .append(".type` | string | yes |  | ")
              .append(cell(describe(s.type())))
              .append(" |\n");
      case Scalar s -> {}
      case Free f -> {}
      case ConnectorConfig c -> {}
    }
  }

  private static void row(StringBuilder md, String path, Prop p) {
    String defaultText =
        p.defaultValue() != null
            ? code(p.defaultValue())
            : p.defaultNote() != null ? p.defaultNote() : "";
    md.append("| `")
        .append(path)
        .append("` | ")
        .append(typeName(p.decl()))
        .append(" | ")
        .append(p.required() ? "yes" : "no")
        .append(" | ")
        .append(cell(defaultText))
        .append(" | ")
        .append(cell(describe(p.decl())))
        .append(" |\n");
  }

  private static String describe(Decl decl) {
    StringBuilder out = new StringBuilder(decl.description());
    if (decl instanceof Scalar s) {
      if (!s.allowed().isEmpty() && s.noun() == null) {
        sentence(out, "One of: " + codes(s.allowed()) + ".");
      } else if (s.noun() != null) {
        sentence(
            out,
            s.allowed().isEmpty()
                ? "No " + s.noun() + "s are installed."
                : "Installed: " + codes(s.allowed()) + ".");
      }
      if (s.min() != null) {
        sentence(out, "At least " + s.min() + ".");
      }
      if (s.example() != null) {
        sentence(out, "Example: " + code(s.example()) + ".");
      }
    }
    if (decl instanceof Obj o && !o.exactlyOne().isEmpty()) {
      sentence(out, "Exactly one of " + codes(o.exactlyOne()) + ".");
    }
    return out.toString();
  }

  private static void sentence(StringBuilder sb, String text) {
    if (!sb.isEmpty()) {
      sb.append(' ');
    }
    sb.append(text);
  }

  private static String typeName(Decl decl) {
    return switch (decl) {
      case Obj o -> "mapping";
      case Scalar s -> typeName(s.type());
      case ListOf l -> "list of " + plural(l.items());
      case Either e -> "string or mapping";
      case Free f -> typeName(f.type());
      case ConnectorConfig c -> "mapping";
      case Step s -> "mapping";
    };
  }

  private static String plural(Decl items) {
    return switch (items) {
      case Scalar s -> typeName(s.type()) + "s";
      case Either e -> "names or mappings";
      default -> "mappings";
    };
  }

  static String typeName(FieldType type) {
    return switch (type) {
      case STRING -> "string";
      case INTEGER -> "integer";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case STRING_LIST -> "string or list of strings";
      case LIST -> "list";
      case OBJECT -> "mapping";
      case ANY -> "any";
    };
  }

  private static String codes(List<String> values) {
    return values.stream().map(PipelineReference::code).collect(Collectors.joining(", "));
  }

  private static String code(Object value) {
    String text =
        switch (value) {
          case Map<?, ?> m -> m.toString();
          case List<?> l ->
              l.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
          default -> String.valueOf(value);
        };
    return "`" + text.replace("`", "'") + "`";
  }

  /** Text safe inside a table cell. */
  private static String cell(String text) {
    return text.replace("\r", "").replace("\n", " ").replace("|", "\\|").strip();
  }
}
