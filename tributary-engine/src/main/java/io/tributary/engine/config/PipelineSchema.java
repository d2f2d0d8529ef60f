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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the JSON Schema (draft 2020-12) of pipeline files from the same declarations the {@link
 * PipelineLoader} validates with, including every installed connector's {@code source.config} and
 * every processor's step settings (selected with {@code if}/{@code then} on {@code
 * source.connector} and on a step's {@code type}, which the YAML language server of VS Code follows
 * for completion). Secret fields are marked {@code "writeOnly": true}.
 *
 * <p>The result is plain Java values (insertion-ordered maps, lists, strings, numbers, booleans),
 * ready for any JSON writer, and deterministic: the same plugins give the same schema. Publish it
 * as {@code docs/schema/pipeline.schema.json}; a file then opts in with {@code #
 * yaml-language-server: $schema=<path or URL>}.
 */
public final class PipelineSchema {
  /** The JSON Schema dialect of the generated schema. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  static final String SECRET_NOTE =
      " Secret: write it as ${ENV_VAR} (set in the environment or .env) rather than inline; it is"
          + " masked in every output.";
  private static final String INTERPOLATION = "#/$defs/interpolation";

  private PipelineSchema() {}

  /** The schema for pipeline files using {@code plugins}. */
  public static Map<String, Object> generate(Plugins plugins) {
    Obj root = PipelineDecl.root(plugins);
    Map<String, Object> defs = new LinkedHashMap<>();
    defs.put(
        "interpolation",
        ordered(
            "type", "string",
            "pattern", "^\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}$",
            "description",
                "An environment variable reference, ${NAME} or ${NAME:-default}, replaced when the"
                    + " pipeline is loaded."));
    for (ConnectorProvider c : plugins.connectors()) {
      defs.put(
          "connector." + c.name(),
          pluginSchema(describe(c.description(), c.spec()), spec(c), null));
    }
    for (ProcessorProvider p : plugins.processors()) {
      defs.put(
          "processor." + p.name(),
          pluginSchema(describe(p.description(), p.spec()), spec(p), p.name()));
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", DIALECT);
    schema.put("title", "Tributary pipeline");
    schema.putAll(new Generator(plugins).schema(root));
    schema.put("$defs", defs);
    return schema;
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

  private static String describe(String description, ConfigSpec spec) {
    String d = description == null ? "" : description.strip();
    String s = spec == null ? "" : spec.description().strip();
    return s.isEmpty() || s.equals(d) ? d : (d.isEmpty() ? s : d + " " + s);
  }

  /** The schema of one plugin's settings; for a processor, with its {@code type} constant. */
  private static Map<String, Object> pluginSchema(
      String description, ConfigSpec spec, String processorType) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "object");
    out.put("description", description);
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    if (processorType != null) {
      properties.put(
          "type", ordered("const", processorType, "description", "The processor's name."));
      required.add("type");
    }
    for (ConfigField f : spec.fields()) {
      properties.put(f.name(), field(f));
      if (f.required()) {
        required.add(f.name());
      }
    }
    out.put("properties", properties);
    if (!required.isEmpty()) {
      out.put("required", required);
    }
    if (!spec.allowUnknown()) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  /** The schema of one declared plugin field. */
  static Map<String, Object> field(ConfigField f) {
    Map<String, Object> out = new LinkedHashMap<>();
    String description = f.description() + (f.secret() ? SECRET_NOTE : "");
    if (!description.isBlank()) {
      out.put("description", description.strip());
    }
    out.putAll(typed(f.type(), f.minimum(), null, f.allowedValues()));
    if (f.defaultValue() != null) {
      out.put("default", f.defaultValue());
    }
    if (f.example() != null) {
      out.put("examples", List.of(f.example()));
    }
    if (f.secret()) {
      out.put("writeOnly", true);
    }
    return out;
  }

  /**
   * Type keywords. Integers, numbers and booleans also accept an unquoted ${VAR} reference, which
   * the loader types after interpolation.
   */
  private static Map<String, Object> typed(
      FieldType type, Number min, Number max, List<String> allowed) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (type) {
      case STRING -> {
        out.put("type", "string");
        if (!allowed.isEmpty()) {
          out.put("enum", allowed);
        }
      }
      case INTEGER, NUMBER, BOOLEAN -> {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("type", type.jsonType());
        if (min != null) {
          plain.put("minimum", min);
        }
        if (max != null) {
          plain.put("maximum", max);
        }
        if (!allowed.isEmpty()) {
          plain.put("enum", allowed);
        }
        out.put("anyOf", List.of(plain, Map.of("$ref", INTERPOLATION)));
      }
      case STRING_LIST -> {
        out.put("type", List.of("string", "array"));
        out.put("items", Map.of("type", "string"));
      }
      case LIST -> out.put("type", "array");
      case OBJECT -> out.put("type", "object");
      case ANY -> {}
    }
    return out;
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  private static String ref(String def) {
    return "#/$defs/" + def.replace("~", "~0").replace("/", "~1");
  }

  /** Turns the declaration tree into schema keywords. */
  private record Generator(Plugins plugins) {

    Map<String, Object> schema(Decl decl) {
      return switch (decl) {
        case Obj o -> object(o);
        case Scalar s -> scalar(s);
        case ListOf l -> {
          Map<String, Object> out = described(l.description());
          out.put("type", "array");
          out.put("items", schema(l.items()));
          if (l.unique()) {
            out.put("uniqueItems", true);
          }
          yield out;
        }
        case Either e -> {
          Map<String, Object> out = described(e.description());
          out.put("anyOf", List.of(scalar(e.whenScalar()), object(e.whenMapping())));
          yield out;
        }
        case Free f -> {
          Map<String, Object> out = described(f.description());
          out.put("type", f.type().jsonType());
          yield out;
        }
        case ConnectorConfig c -> {
          Map<String, Object> out = described(c.description());
          out.put("type", "object");
          yield out;
        }
        case Step s -> step(s);
      };
    }

    private Map<String, Object> object(Obj o) {
      Map<String, Object> out = described(o.description());
      out.put("type", "object");
      Map<String, Object> properties = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      String discriminator = null;
      for (Prop p : o.props()) {
        Map<String, Object> s = schema(p.decl());
        if (p.defaultValue() != null) {
          s.put("default", p.defaultValue());
        }
        if (p.defaultNote() != null) {
          s.put(
              "description",
              s.getOrDefault("description", "") + " Default: " + p.defaultNote() + ".");
        }
        properties.put(p.name(), s);
        if (p.required()) {
          required.add(p.name());
        }
        if (p.decl() instanceof ConnectorConfig c) {
          discriminator = c.discriminator();
        }
      }
      out.put("properties", properties);
      if (!required.isEmpty()) {
        out.put("required", required);
      }
      if (o.extensions()) {
        out.put(
            "patternProperties",
            Map.of(
                "^x-", Map.of("description", "Ignored by Tributary; a place for YAML anchors.")));
      }
      out.put("additionalProperties", false);
      if (!o.exactlyOne().isEmpty()) {
        out.put("oneOf", o.exactlyOne().stream().map(k -> Map.of("required", List.of(k))).toList());
      }
      if (discriminator != null && !plugins.connectors().isEmpty()) {
        List<Object> branches = new ArrayList<>();
        String configKey =
            o.props().stream()
                .filter(p -> p.decl() instanceof ConnectorConfig)
                .findFirst()
                .orElseThrow()
                .name();
        for (ConnectorProvider c : plugins.connectors()) {
          branches.add(
              ordered(
                  "if",
                  ordered(
                      "properties", Map.of(discriminator, Map.of("const", c.name())),
                      "required", List.of(discriminator)),
                  "then",
                  Map.of(
                      "properties",
                      Map.of(configKey, Map.of("$ref", ref("connector." + c.name()))))));
        }
        out.put("allOf", branches);
      }
      return out;
    }

    private Map<String, Object> scalar(Scalar s) {
      Map<String, Object> out = described(s.description());
      List<String> allowed = s.allowed();
      out.putAll(typed(s.type(), s.min(), s.max(), allowed));
      if (s.pattern() != null && allowed.isEmpty()) {
        out.put("pattern", "^(?:" + s.pattern().pattern() + ")$");
      }
      if (s.example() != null) {
        out.put("examples", List.of(s.example()));
      }
      return out;
    }

    private Map<String, Object> step(Step s) {
      Map<String, Object> out = described(s.description());
      out.put("type", "object");
      out.put("properties", Map.of("type", scalar(s.type())));
      out.put("required", List.of("type"));
      if (!plugins.processors().isEmpty()) {
        List<Object> branches = new ArrayList<>();
        for (ProcessorProvider p : plugins.processors()) {
          branches.add(
              ordered(
                  "if",
                  ordered(
                      "properties", Map.of("type", Map.of("const", p.name())),
                      "required", List.of("type")),
                  "then",
                  Map.of("$ref", ref("processor." + p.name()))));
        }
        out.put("allOf", branches);
      }
      return out;
    }

    private static Map<String, Object> described(String description) {
      Map<String, Object> out = new LinkedHashMap<>();
      if (description != null && !description.isBlank()) {
        out.put("description", description);
      }
      return out;
    }
  }
}
