package io.tributary.http.internal.manifest;

import io.tributary.http.internal.manifest.Manifest.Auth;
import io.tributary.http.internal.manifest.Manifest.AuthType;
import io.tributary.http.internal.manifest.Manifest.ErrorAction;
import io.tributary.http.internal.manifest.Manifest.ErrorRule;
import io.tributary.http.internal.manifest.Manifest.Incremental;
import io.tributary.http.internal.manifest.Manifest.Pagination;
import io.tributary.http.internal.manifest.Manifest.PaginationType;
import io.tributary.http.internal.manifest.Manifest.Transform;
import io.tributary.http.internal.template.Template;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.FieldType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads manifests: YAML text → validated {@link Manifest}, or a {@link ConfigException} listing
 * every problem with file, line, column and field path.
 */
public final class ManifestLoader {

  /** Config keys every manifest connector accepts besides the manifest's own. */
  public static final Set<String> GENERATED_KEYS =
      Set.of(
          "base_url", "token_url", "allow_private_addresses", "requests_per_second", "max_pages");

  private static final Set<String> ROOTS =
      Set.of("config", "partition", "parent", "cursor", "auth", "record", "page", "stream");

  private final String source;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<TemplateUse> uses = new ArrayList<>();

  private record TemplateUse(Template template, String location, String path) {}

  private ManifestLoader(String source) {
    this.source = source;
  }

  /** Loads a manifest file. */
  public static Manifest load(Path file) {
    try {
      return load(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("cannot read manifest " + file + ": " + e.getMessage());
    }
  }

  /**
   * Loads a manifest from text.
   *
   * @param source the name used in messages (file path or resource)
   */
  public static Manifest load(String source, String text) {
    Node root = YamlTree.parse(source, text);
    List<ConfigProblem> shapeProblems = ShapeValidator.validate(root, ManifestShapes.MANIFEST);
    if (!shapeProblems.isEmpty()) {
      throw new ConfigException(header(source, shapeProblems), shapeProblems);
    }
    ManifestLoader l = new ManifestLoader(source);
    Manifest m = l.bind(new View((Node.MapNode) root, ManifestShapes.MANIFEST));
    l.checkSemantics(m);
    if (!l.problems.isEmpty()) {
      throw new ConfigException(header(source, l.problems), l.problems);
    }
    return m;
  }

  private static String header(String source, List<ConfigProblem> ps) {
    StringBuilder sb = new StringBuilder();
    sb.append("manifest ")
        .append(source)
        .append(" has ")
        .append(ps.size())
        .append(ps.size() == 1 ? " problem" : " problems");
    for (ConfigProblem p : ps) {
      sb.append(System.lineSeparator()).append("  ").append(p);
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ binding

  private Manifest bind(View v) {
    List<ConfigField> config = new ArrayList<>();
    View.each(v.map("config"))
        .forEach(
            (name, node) ->
                config.add(
                    configField(name, new View((Node.MapNode) node, ManifestShapes.CONFIG_FIELD))));
    List<Auth> auth = new ArrayList<>();
    Node authNode = v.node("auth");
    if (authNode instanceof Node.ListNode ln) {
      ln.items()
          .forEach(n -> auth.add(auth(View.tagged((Node.MapNode) n, ManifestShapes.AUTH_METHOD))));
    } else if (authNode instanceof Node.MapNode mn) {
      auth.add(auth(View.tagged(mn, ManifestShapes.AUTH_METHOD)));
    }
    Pagination defaultPagination =
        v.has("pagination")
            ? pagination(
                View.tagged((Node.MapNode) v.node("pagination"), ManifestShapes.PAGINATION))
            : Pagination.none();
    View rl = v.obj("rate_limit", ManifestShapes.RATE_LIMIT);
    View retry = v.obj("retry", ManifestShapes.RETRY);
    View limits = v.obj("limits", ManifestShapes.LIMITS);
    View cb = v.obj("circuit_breaker", ManifestShapes.CIRCUIT_BREAKER);
    List<Manifest.Quota> quotas = new ArrayList<>();
    for (View q : v.objList("quotas", ManifestShapes.QUOTA)) {
      quotas.add(
          new Manifest.Quota(
              Manifest.QuotaWindow.valueOf(q.str("per").toUpperCase(Locale.ROOT)),
              q.lng("limit"),
              q.str("scope").equals("credential")));
    }
    List<Manifest.Stream> streams = new ArrayList<>();
    for (View s : v.objList("streams", ManifestShapes.STREAM)) {
      streams.add(stream(s, defaultPagination));
    }
    String checkStream = v.has("check") ? v.obj("check", null).strOrNull("stream") : null;
    return new Manifest(
        v.str("name"),
        v.str("description"),
        v.strOrNull("documentation_url"),
        v.strOrNull("notes"),
        source,
        v.str("base_url"),
        templates(v, "headers"),
        List.copyOf(config),
        List.copyOf(auth),
        new Manifest.RateLimit(
            rl.dblOrNull("requests_per_second"),
            rl.lng("burst"),
            rl.dblOrNull("per_credential_per_second"),
            rl.str("remaining_header").toLowerCase(Locale.ROOT),
            rl.str("reset_header").toLowerCase(Locale.ROOT),
            rl.dur("max_wait")),
        List.copyOf(quotas),
        new Manifest.Retry(
            (int) retry.lng("max_attempts"),
            retry.dur("base_delay"),
            retry.dur("max_delay"),
            retry.dur("budget"),
            retry.longs("statuses").stream().map(Long::intValue).toList()),
        errorRules(v.objList("errors", ManifestShapes.ERROR_RULE)),
        new Manifest.Limits(
            limits.dur("connect_timeout"),
            limits.dur("read_timeout"),
            limits.dur("total_timeout"),
            limits.lng("max_response_bytes"),
            limits.lng("max_decompressed_bytes"),
            (int) limits.lng("max_nesting_depth"),
            (int) Math.min(Integer.MAX_VALUE, limits.lng("max_string_length")),
            (int) limits.lng("max_concurrency"),
            (int) limits.lng("max_redirects")),
        new Manifest.Breaker((int) cb.lng("failure_threshold"), cb.dur("open_for")),
        checkStream,
        List.copyOf(streams));
  }

  private ConfigField configField(String name, View f) {
    if (ManifestLoader.GENERATED_KEYS.contains(name)) {
      problems.add(
          new ConfigProblem(
              f.location(),
              "config." + name,
              null,
              "'"
                  + name
                  + "' is offered by every manifest connector already; remove it from config"));
    }
    FieldType type =
        switch (f.str("type")) {
          case "integer" -> FieldType.INTEGER;
          case "number" -> FieldType.NUMBER;
          case "boolean" -> FieldType.BOOLEAN;
          case "string_list" -> FieldType.STRING_LIST;
          case "list" -> FieldType.LIST;
          case "object" -> FieldType.OBJECT;
          default -> FieldType.STRING;
        };
    List<String> allowed = f.has("enum") ? f.strs("enum") : List.of();
    Number min = f.has("minimum") ? (Number) f.raw("minimum") : null;
    return new ConfigField(
        name,
        type,
        f.bool("required"),
        f.raw("default"),
        f.bool("secret"),
        f.strOrNull("description"),
        allowed,
        min,
        f.raw("example"));
  }

  private Auth auth(View a) {
    AuthType type = AuthType.valueOf(a.str("type").toUpperCase(Locale.ROOT));
    return new Auth(
        type,
        use(a, "when"),
        a.strOrNull("base_url"),
        templates(a, "vars"),
        "query".equals(a.strOrNull("in")),
        a.strOrNull("name"),
        type == AuthType.API_KEY ? use(a, "value") : use(a, "token"),
        a.strOrNull("scheme"),
        use(a, "username"),
        use(a, "password"),
        a.strOrNull("grant_type"),
        a.strOrNull("token_url"),
        use(a, "client_id"),
        use(a, "client_secret"),
        use(a, "refresh_token"),
        a.has("scopes") ? a.strs("scopes") : List.of(),
        "basic".equals(a.strOrNull("client_auth")),
        templates(a, "params"),
        a.strOrNull("token_pointer"),
        a.strOrNull("expires_pointer"));
  }

  private Pagination pagination(View p) {
    PaginationType type = PaginationType.valueOf(p.str("type").toUpperCase(Locale.ROOT));
    if (type == PaginationType.CURSOR && !p.has("token_pointer") && !p.has("token_header")) {
      problems.add(
          new ConfigProblem(
              p.location(),
              "pagination",
              null,
              "cursor pagination needs token_pointer (token in the body) or token_header"));
    }
    return new Pagination(
        type,
        p.has("max_pages") ? (int) p.lng("max_pages") : Pagination.DEFAULT_MAX_PAGES,
        p.strOrNull("has_more_pointer"),
        p.strOrNull("param"),
        p.has("start") ? p.lng("start") : 1,
        p.strOrNull("size_param"),
        type == PaginationType.OFFSET ? use(p, "limit") : use(p, "size"),
        p.strOrNull("total_pages_pointer"),
        p.strOrNull("limit_param"),
        p.strOrNull("total_pointer"),
        p.strOrNull("token_pointer"),
        p.strOrNull("token_header"),
        p.strOrNull("pointer"),
        p.strOrNull("rel"));
  }

  private List<ErrorRule> errorRules(List<View> rules) {
    List<ErrorRule> out = new ArrayList<>();
    for (View r : rules) {
      List<Integer> statuses = new ArrayList<>();
      Object st = r.raw("status");
      if (st instanceof Number n) {
        statuses.add(n.intValue());
      } else if (st instanceof List<?> l) {
        l.forEach(x -> statuses.add(((Number) x).intValue()));
      }
      if (r.has("matches")) {
        try {
          java.util.regex.Pattern.compile(r.str("matches"));
        } catch (java.util.regex.PatternSyntaxException e) {
          problems.add(
              new ConfigProblem(
                  r.location(),
                  "errors.matches",
                  r.str("matches"),
                  "not a valid regex: " + e.getDescription()));
        }
      }
      boolean hasPredicate = r.has("exists") || r.has("equals") || r.has("matches");
      if (hasPredicate && !r.has("pointer")) {
        problems.add(
            new ConfigProblem(
                r.location(),
                "errors",
                null,
                "exists/equals/matches need a pointer into the body"));
      }
      if (statuses.isEmpty() && !hasPredicate && !r.has("header")) {
        problems.add(
            new ConfigProblem(
                r.location(),
                "errors",
                null,
                "an error rule needs a status, a body predicate (pointer + exists/equals/matches)"
                    + " or a header"));
      }
      out.add(
          new ErrorRule(
              List.copyOf(statuses),
              r.strOrNull("pointer"),
              r.has("exists") ? r.bool("exists") : null,
              r.raw("equals"),
              r.strOrNull("matches"),
              r.has("header") ? r.str("header").toLowerCase(Locale.ROOT) : null,
              ErrorAction.valueOf(r.str("action").toUpperCase(Locale.ROOT)),
              r.strOrNull("message")));
    }
    return List.copyOf(out);
  }

  @SuppressWarnings("unchecked")
  private Manifest.Stream stream(View s, Pagination defaultPagination) {
    View req = s.obj("request", ManifestShapes.REQUEST);
    Map<String, Object> query = new LinkedHashMap<>();
    View.each(req.map("query"))
        .forEach(
            (k, n) -> {
              if (n instanceof Node.ListNode ln) {
                List<Template> ts = new ArrayList<>();
                for (Node item : ln.items()) {
                  ts.add(template(item, "request.query." + k));
                }
                query.put(k, List.copyOf(ts));
              } else {
                query.put(k, template(n, "request.query." + k));
              }
            });
    Object body = req.raw("body");
    if (body != null) {
      collectBodyTemplates(req.node("body"), "request.body");
    }
    Manifest.Request request =
        new Manifest.Request(
            req.str("method"),
            use(req, "path"),
            query,
            templates(req, "headers"),
            body,
            req.str("body_format").equals("form"));
    View rec = s.obj("records", ManifestShapes.RECORDS);
    int shapes =
        (rec.has("zip") ? 1 : 0)
            + (rec.has("columns") ? 1 : 0)
            + (rec.has("entries") ? 1 : 0)
            + (rec.bool("zip_arrays") ? 1 : 0);
    if (shapes > 1) {
      problems.add(
          new ConfigProblem(
              rec.location(),
              "records",
              null,
              "use only one of zip, zip_arrays, columns and entries"));
    }
    String recordsPath = rec.str("path");
    if (rec.has("path")) {
      use(rec, "path");
    }
    if (!recordsPath.isEmpty() && !recordsPath.startsWith("/") && !recordsPath.contains("{{")) {
      try {
        io.tributary.http.internal.template.JsonPaths.steps(recordsPath);
      } catch (IllegalArgumentException e) {
        problems.add(
            new ConfigProblem(rec.location(), "records.path", recordsPath, e.getMessage()));
      }
    }
    Map<String, String> zip = new LinkedHashMap<>();
    View.each(rec.map("zip")).forEach((k, n) -> zip.put(k, (String) n.plain()));
    Manifest.Records records =
        new Manifest.Records(
            rec.str("path"),
            zip,
            rec.has("columns") ? rec.strs("columns") : List.of(),
            rec.strOrNull("entries"),
            rec.bool("zip_arrays"));
    List<String> pk = new ArrayList<>();
    Object pkRaw = s.raw("primary_key");
    if (pkRaw instanceof String one) {
      pk.add(one);
    } else if (pkRaw instanceof List<?> l) {
      l.forEach(x -> pk.add((String) x));
    }
    Map<String, Object> partitions = new LinkedHashMap<>();
    View.each(s.map("partitions"))
        .forEach(
            (k, n) -> {
              if (n instanceof Node.ScalarNode sc && sc.value() instanceof String) {
                partitions.put(k, template(n, "partitions." + k));
              } else {
                partitions.put(k, n.plain());
              }
            });
    Manifest.Parent parent = null;
    if (s.has("parent")) {
      View p = s.obj("parent", ManifestShapes.PARENT);
      parent = new Manifest.Parent(p.str("stream"), p.str("field"), p.str("as"), use(p, "only"));
    }
    Pagination pagination =
        s.has("pagination")
            ? pagination(
                View.tagged((Node.MapNode) s.node("pagination"), ManifestShapes.PAGINATION))
            : defaultPagination;
    Incremental inc = null;
    if (s.has("incremental")) {
      View i = s.obj("incremental", ManifestShapes.INCREMENTAL);
      String fmt = i.str("request_format");
      if (!Set.of("iso", "epoch_seconds", "epoch_millis", "date").contains(fmt)) {
        try {
          java.time.format.DateTimeFormatter.ofPattern(fmt);
        } catch (IllegalArgumentException e) {
          problems.add(
              new ConfigProblem(
                  i.location(),
                  "incremental.request_format",
                  fmt,
                  "must be iso, epoch_seconds, epoch_millis, date or a java.time pattern: "
                      + e.getMessage()));
        }
      }
      try {
        java.time.ZoneId.of(i.str("request_zone"));
      } catch (java.time.DateTimeException e) {
        problems.add(
            new ConfigProblem(
                i.location(),
                "incremental.request_zone",
                i.str("request_zone"),
                "not a time zone; write e.g. UTC, Europe/Berlin or -05:00"));
      }
      inc =
          new Incremental(
              i.str("cursor_field"),
              Manifest.CursorType.valueOf(i.str("type").toUpperCase(Locale.ROOT)),
              use(i, "start"),
              i.has("lookback") ? i.dur("lookback") : Duration.ZERO,
              Manifest.Order.valueOf(i.str("order").toUpperCase(Locale.ROOT)),
              fmt,
              i.str("request_zone"));
    }
    List<Transform> transforms = new ArrayList<>();
    if (s.node("transforms") instanceof Node.ListNode tl) {
      for (Node t : tl.items()) {
        Map.Entry<String, Node> e = ((Node.MapNode) t).entries().entrySet().iterator().next();
        transforms.add(transform(e.getKey(), e.getValue()));
      }
    }
    Object schema = s.raw("schema");
    return new Manifest.Stream(
        s.str("name"),
        s.strOrNull("description"),
        request,
        records,
        List.copyOf(pk),
        schema instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(),
        partitions,
        parent,
        pagination,
        inc,
        List.copyOf(transforms),
        errorRules(s.objList("errors", ManifestShapes.ERROR_RULE)));
  }

  private Transform transform(String kind, Node value) {
    switch (kind) {
      case "add_fields" -> {
        Map<String, Template> fields = new LinkedHashMap<>();
        ((Node.MapNode) value)
            .entries()
            .forEach((k, n) -> fields.put(k, template(n, "add_fields." + k)));
        return new Transform.AddFields(fields);
      }
      case "rename" -> {
        Map<String, String> names = new LinkedHashMap<>();
        ((Node.MapNode) value).entries().forEach((k, n) -> names.put(k, (String) n.plain()));
        return new Transform.Rename(names);
      }
      case "remove" -> {
        List<String> fields = new ArrayList<>();
        ((Node.ListNode) value).items().forEach(n -> fields.add((String) n.plain()));
        return new Transform.Remove(fields);
      }
      case "flatten" -> {
        View f =
            new View(
                (Node.MapNode) value,
                (Shape.Obj)
                    ((Shape.Single) ManifestShapes.TRANSFORM)
                        .choice("flatten")
                        .orElseThrow()
                        .shape());
        return new Transform.Flatten(f.str("field"), f.str("separator"), f.bool("keep"));
      }
      case "coerce" -> {
        Map<String, String> kinds = new LinkedHashMap<>();
        ((Node.MapNode) value).entries().forEach((k, n) -> kinds.put(k, (String) n.plain()));
        return new Transform.Coerce(kinds);
      }
      default -> throw new IllegalStateException("validated before: " + kind);
    }
  }

  private void collectBodyTemplates(Node n, String path) {
    switch (n) {
      case Node.ScalarNode sc -> {
        if (sc.value() instanceof String) {
          template(n, path);
        }
      }
      case Node.ListNode ln -> {
        for (int i = 0; i < ln.items().size(); i++) {
          collectBodyTemplates(ln.items().get(i), path + "[" + i + "]");
        }
      }
      case Node.MapNode mn ->
          mn.entries().forEach((k, v) -> collectBodyTemplates(v, path + "." + k));
    }
  }

  private Template use(View v, String key) {
    Node n = v.node(key);
    if (n == null) {
      return null;
    }
    return template(n, key);
  }

  private Map<String, Template> templates(View v, String key) {
    Map<String, Template> out = new LinkedHashMap<>();
    View.each(v.map(key)).forEach((k, n) -> out.put(k, template(n, key + "." + k)));
    return out;
  }

  private Template template(Node n, String path) {
    Object value = n.plain();
    Template t = Template.parse(value == null ? "" : Template.text(value));
    uses.add(new TemplateUse(t, n.location(), path));
    return t;
  }

  // ------------------------------------------------------------------ semantic checks

  private void checkSemantics(Manifest m) {
    Set<String> configKeys = new HashSet<>(GENERATED_KEYS);
    m.config().forEach(f -> configKeys.add(f.name()));
    for (TemplateUse u : uses) {
      for (String root : u.template().roots()) {
        if (!ROOTS.contains(root)) {
          problems.add(
              new ConfigProblem(
                  u.location(),
                  u.path(),
                  u.template().source(),
                  "templates read from "
                      + String.join(", ", ROOTS.stream().sorted().toList())
                      + "; '"
                      + root
                      + "' is none of them"));
        }
      }
      for (String key : configKeysRead(u.template())) {
        if (!configKeys.contains(key)) {
          problems.add(
              new ConfigProblem(
                  u.location(),
                  u.path(),
                  u.template().source(),
                  "reads config."
                      + key
                      + " but the manifest's config declares no '"
                      + key
                      + "'; add it under config: or fix the name"));
        }
      }
    }
    Map<String, Manifest.Stream> byName = new HashMap<>();
    for (Manifest.Stream s : m.streams()) {
      if (byName.put(s.name(), s) != null) {
        problems.add(
            new ConfigProblem(
                source,
                "streams",
                s.name(),
                "two streams are named '" + s.name() + "'; names must be unique"));
      }
    }
    for (Manifest.Stream s : m.streams()) {
      if (s.parent() != null) {
        if (!byName.containsKey(s.parent().stream())) {
          problems.add(
              new ConfigProblem(
                  source,
                  "streams." + s.name() + ".parent.stream",
                  s.parent().stream(),
                  "no stream of this manifest has that name; expected one of "
                      + String.join(", ", byName.keySet().stream().sorted().toList())));
        } else if (cyclic(s, byName)) {
          problems.add(
              new ConfigProblem(
                  source,
                  "streams." + s.name() + ".parent",
                  null,
                  "parent streams form a cycle; a stream cannot be its own ancestor"));
        }
      }
    }
    if (m.checkStream() != null && !byName.containsKey(m.checkStream())) {
      problems.add(
          new ConfigProblem(
              source, "check.stream", m.checkStream(), "no stream of this manifest has that name"));
    }
  }

  private static boolean cyclic(Manifest.Stream s, Map<String, Manifest.Stream> byName) {
    Set<String> seen = new HashSet<>();
    Manifest.Stream cur = s;
    while (cur != null && cur.parent() != null) {
      if (!seen.add(cur.name())) {
        return true;
      }
      cur = byName.get(cur.parent().stream());
    }
    return false;
  }

  private static List<String> configKeysRead(Template t) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("\\{\\{\\s*config\\.([A-Za-z0-9_]+)").matcher(t.source());
    while (matcher.find()) {
      out.add(matcher.group(1));
    }
    return out;
  }
}
