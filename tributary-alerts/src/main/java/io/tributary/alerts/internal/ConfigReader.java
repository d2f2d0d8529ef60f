package io.tributary.alerts.internal;

import io.tributary.alerts.Severity;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.ConfigSpec;
import io.tributary.spi.config.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and validates the global alerts file and pipelines' {@code alerts:} lists, collecting every
 * problem with its path ({@code alerts[1].threshold}, {@code channels.ops.url}).
 */
public final class ConfigReader {
  private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final String NEVER = "never";

  private ConfigReader() {}

  /**
   * The global file, read.
   *
   * @param channels channels by name
   * @param defaultChannels channels of rules that name none
   * @param defaultRenotify reminder interval of rules that set none, or {@code null}
   * @param rules the global rules
   * @param delivery delivery settings
   * @param secrets every secret value of the file
   */
  public record Global(
      Map<String, ChannelDef> channels,
      List<String> defaultChannels,
      Duration defaultRenotify,
      List<RuleDef> rules,
      DeliverySettings delivery,
      Set<String> secrets) {

    public static final Global EMPTY =
        new Global(
            Map.of(),
            List.of(),
            Duration.ofHours(4),
            List.of(),
            DeliverySettings.DEFAULTS,
            Set.of());
  }

  /**
   * One pipeline's rules, read.
   *
   * @param pipeline the pipeline's name
   * @param rules its rules
   * @param channels channels written in its rules, by id
   * @param secrets the pipeline's secret values and those of its channels
   */
  public record PipelineRules(
      String pipeline,
      List<RuleDef> rules,
      Map<String, ChannelDef> channels,
      Set<String> secrets) {}

  /** Reads the global file's root mapping; problems are added to {@code problems}. */
  public static Global readGlobal(
      Map<String, Object> root, Set<String> fileSecrets, List<ConfigProblem> problems) {
    Map<String, Object> r = root == null ? Map.of() : root;
    problems.addAll(Specs.global().validate(r));

    Map<String, ChannelDef> channels = new LinkedHashMap<>();
    Set<String> secrets = new LinkedHashSet<>(fileSecrets);
    if (r.get("channels") instanceof Map<?, ?> chs) {
      for (Map.Entry<?, ?> e : chs.entrySet()) {
        String name = String.valueOf(e.getKey());
        String path = "channels." + name;
        if (!CHANNEL_NAME.matcher(name).matches()) {
          problems.add(
              ConfigProblem.at(
                  path,
                  name,
                  "channel names must match [a-z0-9][a-z0-9_-]*; rename '" + name + "'"));
          continue;
        }
        readChannel(name, e.getValue(), path, problems)
            .ifPresent(
                c -> {
                  channels.put(name, c);
                  secrets.addAll(c.secretValues());
                });
      }
    }

    List<String> defaultChannels = List.of();
    Duration defaultRenotify = Duration.ofHours(4);
    Map<String, Object> defaults = mapOrEmpty(r.get("defaults"));
    List<ConfigProblem> dp = prefixed(Specs.defaults().validate(defaults), "defaults");
    if (dp.isEmpty()) {
      Config d = Config.of(Specs.defaults(), defaults);
      defaultChannels = d.strings("channels");
      for (int i = 0; i < defaultChannels.size(); i++) {
        String c = defaultChannels.get(i);
        if (!declared(r).contains(c)) {
          dp.add(unknownChannel("defaults.channels[" + i + "]", c, channels.keySet()));
        }
      }
      Optional<Duration> rn = renotify(d.string("renotify"), "defaults.renotify", dp);
      defaultRenotify = rn.orElse(null);
    }
    problems.addAll(dp);

    DeliverySettings delivery = DeliverySettings.DEFAULTS;
    Map<String, Object> del = mapOrEmpty(r.get("delivery"));
    List<ConfigProblem> delp = prefixed(Specs.delivery().validate(del), "delivery");
    for (String f : List.of("initial_backoff", "max_backoff", "shutdown_grace")) {
      if (del.get(f) instanceof String s && Durations.parse(s).isEmpty()) {
        delp.add(durationProblem("delivery." + f, f, s));
      }
    }
    if (delp.isEmpty()) {
      Config d = Config.of(Specs.delivery(), del);
      Duration initial = duration(d, "initial_backoff", "delivery", delp);
      Duration max = duration(d, "max_backoff", "delivery", delp);
      Duration grace = duration(d, "shutdown_grace", "delivery", delp);
      if (delp.isEmpty()) {
        delivery =
            new DeliverySettings(
                (int) Math.min(Integer.MAX_VALUE, d.integer("queue_capacity", 1000)),
                (int) Math.min(Integer.MAX_VALUE, d.integer("max_attempts", 6)),
                initial,
                max,
                (int) Math.min(1024, d.integer("concurrency", 4)),
                grace);
      }
    }
    problems.addAll(delp);

    List<RuleDef> rules = new ArrayList<>();
    if (r.get("rules") instanceof List<?> list) {
      Map<String, ChannelDef> inline = new LinkedHashMap<>();
      rules =
          readRules(
              null,
              list,
              "rules",
              channels,
              declared(r),
              defaultChannels,
              defaultRenotify,
              inline,
              problems);
      if (!inline.isEmpty()) {
        problems.add(
            ConfigProblem.at(
                "rules",
                null,
                "channels of global rules must be names of channels defined under 'channels';"
                    + " move the definitions there"));
      }
    }
    return new Global(
        Map.copyOf(channels),
        defaultChannels,
        defaultRenotify,
        List.copyOf(rules),
        delivery,
        Set.copyOf(secrets));
  }

  /** Reads one pipeline's {@code alerts:} list; problems are added to {@code problems}. */
  public static PipelineRules readPipeline(
      String pipeline,
      List<Map<String, Object>> alerts,
      Set<String> pipelineSecrets,
      Global global,
      List<ConfigProblem> problems) {
    Map<String, ChannelDef> inline = new LinkedHashMap<>();
    List<RuleDef> rules =
        readRules(
            pipeline,
            alerts == null ? List.of() : alerts,
            "alerts",
            global.channels(),
            global.channels().keySet(),
            global.defaultChannels(),
            global.defaultRenotify(),
            inline,
            problems);
    Set<String> secrets = new LinkedHashSet<>(pipelineSecrets == null ? Set.of() : pipelineSecrets);
    inline.values().forEach(c -> secrets.addAll(c.secretValues()));
    return new PipelineRules(pipeline, List.copyOf(rules), Map.copyOf(inline), Set.copyOf(secrets));
  }

  private static List<RuleDef> readRules(
      String pipeline,
      List<?> list,
      String prefix,
      Map<String, ChannelDef> channels,
      Set<String> declaredChannels,
      List<String> defaultChannels,
      Duration defaultRenotify,
      Map<String, ChannelDef> inlineOut,
      List<ConfigProblem> problems) {
    boolean global = pipeline == null;
    List<RuleDef> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String path = prefix + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        problems.add(
            ConfigProblem.at(
                path,
                list.get(i),
                "each rule must be a mapping with a 'type', e.g. {type: freshness, max_age: 2h}"));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> raw = (Map<String, Object>) m;
      Object typeValue = raw.get("type");
      if (typeValue == null) {
        problems.add(
            ConfigProblem.at(
                path + ".type",
                null,
                "'type' is required; one of: " + String.join(", ", RuleType.wires())));
        continue;
      }
      Optional<RuleType> type = RuleType.fromWire(String.valueOf(typeValue));
      if (type.isEmpty()) {
        problems.add(
            ConfigProblem.at(
                path + ".type",
                typeValue,
                "'type' must be one of " + String.join(", ", RuleType.wires())));
        continue;
      }
      RuleType t = type.get();
      ConfigSpec spec = Specs.rule(t, global);
      List<ConfigProblem> rp = prefixed(spec.validate(raw), path);
      if (!global && raw.containsKey("pipelines")) {
        rp.removeIf(p -> p.path().equals(path + ".pipelines"));
        rp.add(
            ConfigProblem.at(
                path + ".pipelines",
                null,
                "'pipelines' is only allowed in the global alerts file; a pipeline's rules apply"
                    + " to that pipeline"));
      }
      String name = raw.get("name") instanceof String s ? s : t.wire();
      if (!RULE_NAME.matcher(name).matches()) {
        rp.add(ConfigProblem.at(path + ".name", name, "'name' may hold only A-Z a-z 0-9 _ . -"));
      } else if (!names.add(name)) {
        rp.add(
            ConfigProblem.at(
                path + ".name",
                name,
                "two rules are named '"
                    + name
                    + "'; give each rule of the same type a distinct 'name'"));
      }
      for (String f : t.durationFields()) {
        if (raw.get(f) instanceof String s
            && Durations.parse(s).isEmpty()
            && !(t.neverAllowed(f) && s.equals(RuleType.NEVER))) {
          rp.add(durationProblem(path + "." + f, f, s));
        }
      }
      for (String f : t.fractionFields()) {
        if (raw.get(f) instanceof Number n && n.doubleValue() > 1) {
          rp.add(
              ConfigProblem.at(
                  path + "." + f,
                  n,
                  "'" + f + "' is a share between 0 and 1 (write 0.1 for 10 %) but was " + n));
        }
      }
      if (raw.get("renotify") instanceof String s) {
        renotify(s, path + ".renotify", rp);
      }
      List<String> channelIds = new ArrayList<>();
      if (raw.get("channels") instanceof List<?> chs) {
        for (int j = 0; j < chs.size(); j++) {
          String cp = path + ".channels[" + j + "]";
          Object c = chs.get(j);
          if (c instanceof String s) {
            if (channels.containsKey(s)) {
              channelIds.add(s);
            } else if (!declaredChannels.contains(s)) {
              rp.add(unknownChannel(cp, s, declaredChannels));
            }
          } else if (c instanceof Map<?, ?>) {
            String id = scope(pipeline) + name + "/channels[" + j + "]";
            Optional<ChannelDef> def = readChannel(id, c, cp, rp);
            def.ifPresent(
                d -> {
                  inlineOut.put(id, d);
                  channelIds.add(id);
                });
          } else {
            rp.add(
                ConfigProblem.at(
                    cp,
                    null,
                    "each channel must be a channel's name or a channel definition such as"
                        + " {type: slack, url: ${SLACK_WEBHOOK_URL}}"));
          }
        }
      } else {
        channelIds.addAll(defaultChannels);
      }
      problems.addAll(rp);
      if (!rp.isEmpty()) {
        continue;
      }
      Config params = Config.of(spec, raw);
      if (!params.bool("enabled", true)) {
        continue;
      }
      Duration renotify =
          raw.get("renotify") instanceof String s
              ? renotify(s, path, new ArrayList<>()).orElse(null)
              : defaultRenotify;
      out.add(
          new RuleDef(
              scope(pipeline) + name,
              pipeline,
              name,
              t,
              Severity.fromWire(params.string("severity")),
              channelIds,
              renotify,
              global ? params.strings("pipelines") : List.of(),
              params));
    }
    return out;
  }

  private static Optional<ChannelDef> readChannel(
      String id, Object rawValue, String path, List<ConfigProblem> problems) {
    if (!(rawValue instanceof Map<?, ?> m)) {
      problems.add(
          ConfigProblem.at(
              path, null, "a channel must be a mapping with a 'type', e.g. {type: slack, url: …}"));
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = (Map<String, Object>) m;
    Object typeValue = raw.get("type");
    Optional<ChannelType> type =
        typeValue == null ? Optional.empty() : ChannelType.fromWire(String.valueOf(typeValue));
    if (type.isEmpty()) {
      problems.add(
          ConfigProblem.at(
              path + ".type",
              typeValue,
              typeValue == null
                  ? "'type' is required; one of: " + String.join(", ", ChannelType.wires())
                  : "'type' must be one of " + String.join(", ", ChannelType.wires())));
      return Optional.empty();
    }
    ChannelType t = type.get();
    ConfigSpec spec = Specs.channel(t);
    List<ConfigProblem> cp = prefixed(spec.validate(raw), path);
    if (raw.get("timeout") instanceof String s && Durations.parse(s).isEmpty()) {
      cp.add(durationProblem(path + ".timeout", "timeout", s));
    }
    for (String f : t.urlFields()) {
      if (raw.get(f) instanceof String s
          && !(s.startsWith("https://") || s.startsWith("http://"))) {
        boolean secret = spec.field(f).map(ConfigField::secret).orElse(false);
        cp.add(
            ConfigProblem.at(
                path + "." + f,
                secret ? Secret.MASK : s,
                "'" + f + "' must be an http:// or https:// URL"));
      }
    }
    if (t == ChannelType.EMAIL) {
      Object to = raw.get("to");
      List<?> addresses = to instanceof List<?> l ? l : to == null ? List.of() : List.of(to);
      for (Object a : addresses) {
        if (!String.valueOf(a).contains("@")) {
          cp.add(ConfigProblem.at(path + ".to", a, "each recipient must be an e-mail address"));
        }
      }
      if (raw.get("from") instanceof String f && !f.contains("@")) {
        cp.add(ConfigProblem.at(path + ".from", f, "'from' must be an e-mail address"));
      }
      if (raw.containsKey("password") && !raw.containsKey("username")) {
        cp.add(
            ConfigProblem.at(
                path + ".username", null, "'username' is required when 'password' is set"));
      }
    }
    problems.addAll(cp);
    if (!cp.isEmpty()) {
      return Optional.empty();
    }
    Config config = Config.of(spec, raw);
    return Optional.of(
        new ChannelDef(
            id,
            t,
            Severity.fromWire(config.string("min_severity")),
            Durations.parse(config.string("timeout")).orElseThrow(),
            config));
  }

  private static Optional<Duration> renotify(String s, String path, List<ConfigProblem> problems) {
    if (NEVER.equals(s)) {
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(s);
    if (d.isEmpty() || d.get().isZero() || d.get().isNegative()) {
      problems.add(
          ConfigProblem.at(
              path, s, "'renotify' must be a positive duration such as 4h or 30m, or 'never'"));
      return Optional.empty();
    }
    return d;
  }

  private static Duration duration(
      Config c, String field, String prefix, List<ConfigProblem> problems) {
    String s = c.string(field);
    Optional<Duration> d = Durations.parse(s);
    if (d.isEmpty()) {
      problems.add(durationProblem(prefix + "." + field, field, s));
      return Duration.ZERO;
    }
    return d.get();
  }

  private static ConfigProblem durationProblem(String path, String field, String value) {
    return ConfigProblem.at(
        path, value, "'" + field + "' must be a duration such as 500ms, 30s, 15m, 2h, 1d or 1h30m");
  }

  private static ConfigProblem unknownChannel(String path, String name, Set<String> known) {
    return ConfigProblem.at(
        path,
        name,
        "unknown channel '"
            + name
            + "'; define it under 'channels' in the global alerts file"
            + (known.isEmpty()
                ? " (none is defined)"
                : " (defined: " + String.join(", ", new TreeSet<>(known)) + ")"));
  }

  private static List<ConfigProblem> prefixed(List<ConfigProblem> ps, String prefix) {
    List<ConfigProblem> out = new ArrayList<>(ps.size());
    for (ConfigProblem p : ps) {
      out.add(p.withPathPrefix(prefix));
    }
    return out;
  }

  /** The prefix of rule ids: {@code <pipeline>/} or {@code global:}. */
  public static String scope(String pipeline) {
    return pipeline == null ? "global:" : pipeline + "/";
  }

  private static Set<String> declared(Map<String, Object> root) {
    Set<String> out = new TreeSet<>();
    if (root.get("channels") instanceof Map<?, ?> m) {
      m.keySet().forEach(k -> out.add(String.valueOf(k)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapOrEmpty(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
