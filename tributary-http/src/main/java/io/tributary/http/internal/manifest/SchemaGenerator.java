package io.tributary.http.internal.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the JSON Schema (draft 2020-12) of manifests from {@link ManifestShapes}, for editors
 * (YAML language servers) and for {@code docs/schema/manifest.schema.json}.
 */
public final class SchemaGenerator {
  private SchemaGenerator() {}

  /** The schema as plain values. */
  public static Map<String, Object> schema() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put(
        "$id",
        "https://github.com/tributary-data/tributary/blob/main/docs/schema/manifest.schema.json");
    root.put("title", "Tributary HTTP connector manifest");
    root.put(
        "description",
        "A declarative HTTP connector: base URL, auth, streams, pagination, incremental cursor,"
            + " transforms, error handling and politeness. Generated from the engine's"
            + " declarations; see docs/connectors/manifest.md.");
    root.putAll(of(ManifestShapes.MANIFEST));
    return root;
  }

  /** The schema as the text committed under {@code docs/schema/}. */
  public static String text() {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
    pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    pp.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    try {
      return new ObjectMapper().writer(pp).writeValueAsString(schema()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the schema to the file named by the first argument. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/schema/manifest.schema.json");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, text(), StandardCharsets.UTF_8);
  }

  static Map<String, Object> of(Shape shape) {
    Map<String, Object> s = new LinkedHashMap<>();
    switch (shape) {
      case Shape.Str str -> {
        s.put("type", "string");
        if (!str.allowed().isEmpty()) {
          s.put("enum", str.allowed());
        }
        if (str.pattern() != null) {
          s.put("pattern", "^" + str.pattern() + "$");
        }
      }
      case Shape.Template t -> {
        s.put("type", List.of("string", "number", "boolean"));
        s.put("$comment", "a template: text with {{ expression }} placeholders");
      }
      case Shape.Dur d -> {
        s.put("type", "string");
        s.put("pattern", "^(\\d+\\s*(ms|s|m|h|d)|P.+)$");
      }
      case Shape.Int i -> {
        s.put("type", "integer");
        if (i.min() != null) {
          s.put("minimum", i.min());
        }
      }
      case Shape.Num n -> {
        s.put("type", "number");
        if (n.min() != null && !n.min().isInfinite()) {
          s.put("minimum", n.min());
        }
      }
      case Shape.Bool b -> s.put("type", "boolean");
      case Shape.Any a -> {}
      case Shape.ListOf l -> {
        s.put("type", "array");
        s.put("items", of(l.item()));
        if (l.minItems() > 0) {
          s.put("minItems", l.minItems());
        }
      }
      case Shape.MapOf m -> {
        s.put("type", "object");
        s.put("additionalProperties", of(m.value()));
      }
      case Shape.Obj o -> s.putAll(object(o, null, null));
      case Shape.Tagged t -> {
        s.put("type", "object");
        s.put("description", t.description());
        s.put("required", List.of(t.tag()));
        List<Object> variants = new ArrayList<>();
        t.variants().forEach((name, obj) -> variants.add(object(obj, t.tag(), name)));
        s.put("oneOf", variants);
      }
      case Shape.Single single -> {
        List<Object> choices = new ArrayList<>();
        for (Shape.Field f : single.choices()) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("type", "object");
          c.put("properties", Map.of(f.name(), property(f)));
          c.put("required", List.of(f.name()));
          c.put("additionalProperties", false);
          choices.add(c);
        }
        s.put("oneOf", choices);
      }
      case Shape.ByKind b -> {
        List<Object> any = new ArrayList<>();
        for (Shape alt : new Shape[] {b.scalar(), b.list(), b.map()}) {
          if (alt != null) {
            any.add(of(alt));
          }
        }
        s.put("anyOf", any);
      }
    }
    return s;
  }

  private static Map<String, Object> object(Shape.Obj o, String tag, String tagValue) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    Map<String, Object> props = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    if (tag != null) {
      props.put(tag, Map.of("const", tagValue));
      required.add(tag);
    }
    for (Shape.Field f : o.fields()) {
      props.put(f.name(), property(f));
      if (f.required()) {
        required.add(f.name());
      }
    }
    s.put("properties", props);
    if (!required.isEmpty()) {
      s.put("required", required);
    }
    s.put("additionalProperties", false);
    return s;
  }

  private static Map<String, Object> property(Shape.Field f) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (f.description() != null && !f.description().isEmpty()) {
      p.put("description", f.description());
    }
    p.putAll(of(f.shape()));
    if (f.defaultValue() != null) {
      p.put("default", f.defaultValue());
    }
    return p;
  }
}
