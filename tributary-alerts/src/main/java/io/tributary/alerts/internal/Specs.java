package io.tributary.alerts.internal;

import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;
import io.tributary.spi.config.FieldType;
import java.util.List;

/** The declarations of the global alerts file and of the settings shared by rules and channels. */
public final class Specs {
  private Specs() {}

  static List<ConfigField> commonRuleFields(RuleType type, boolean global) {
    List<ConfigField> common =
        List.of(
            ConfigField.string("type")
                .asRequired()
                .oneOf(RuleType.wires().toArray(String[]::new))
                .describe("What the rule watches."),
            ConfigField.string("name")
                .defaultsTo(type.wire())
                .describe(
                    "The rule's name, unique in its list (`[A-Za-z0-9_.-]`); defaults to the"
                        + " type. Alert state is kept per name: renaming starts afresh."),
            ConfigField.string("severity")
                .oneOf("info", "warning", "error", "critical")
                .defaultsTo(type.defaultSeverity().wire())
                .describe("How urgent its alerts are."),
            ConfigField.of("channels", FieldType.LIST)
                .describe(
                    "Where its alerts go: names of channels of the global file, or channel"
                        + " definitions written in place; `defaults.channels` when absent."),
            ConfigField.string("renotify")
                .describe(
                    "Remind at this interval while an alert fires unacknowledged, or `never`;"
                        + " `defaults.renotify` when absent."),
            ConfigField.bool("enabled").defaultsTo(true).describe("`false` turns the rule off."));
    if (!global) {
      return common;
    }
    List<ConfigField> withPipelines = new java.util.ArrayList<>(common);
    withPipelines.add(
        ConfigField.stringList("pipelines")
            .defaultsTo(List.of("*"))
            .describe(
                "Only in the global file: the pipelines the rule applies to, names or globs"
                    + " (`shop-*`)."));
    return withPipelines;
  }

  static List<ConfigField> commonChannelFields() {
    return List.of(
        ConfigField.string("type")
            .asRequired()
            .oneOf(ChannelType.wires().toArray(String[]::new))
            .describe("The kind of channel."),
        ConfigField.string("min_severity")
            .oneOf("info", "warning", "error", "critical")
            .defaultsTo("info")
            .describe("Only alerts at least this severe go to this channel."),
        ConfigField.string("timeout")
            .defaultsTo("10s")
            .describe("How long one delivery attempt may take."));
  }

  /** The top level of the global alerts file. */
  public static ConfigSpec global() {
    return ConfigSpec.of(
        "The global alerts file: channels, defaults, rules for every pipeline and delivery"
            + " settings.",
        ConfigField.object("channels")
            .describe("Named notification channels; the names are used in rules' `channels`."),
        ConfigField.object("defaults").describe("Settings every rule inherits."),
        ConfigField.of("rules", FieldType.LIST)
            .describe("Rules applied to every pipeline (or those named in `pipelines`)."),
        ConfigField.object("delivery").describe("How notifications are delivered."));
  }

  /** The {@code defaults} section. */
  public static ConfigSpec defaults() {
    return ConfigSpec.of(
        "Settings every rule inherits.",
        ConfigField.stringList("channels")
            .describe("Channels of rules that name none; no channel when absent."),
        ConfigField.string("renotify")
            .defaultsTo("4h")
            .describe("Reminder interval of rules that set none, or `never`."));
  }

  /** The {@code delivery} section. */
  public static ConfigSpec delivery() {
    return ConfigSpec.of(
        "How notifications are delivered: a bounded queue, worker threads and retries with"
            + " exponential backoff.",
        ConfigField.integer("queue_capacity")
            .atLeast(1)
            .defaultsTo(1000L)
            .describe(
                "How many deliveries may wait; when full, the oldest of the least severe is"
                    + " dropped (and counted)."),
        ConfigField.integer("max_attempts")
            .atLeast(1)
            .defaultsTo(6L)
            .describe("How often one delivery is tried before it is given up."),
        ConfigField.string("initial_backoff")
            .defaultsTo("1s")
            .describe("The wait before the first retry; it doubles on each further retry."),
        ConfigField.string("max_backoff").defaultsTo("5m").describe("The longest wait."),
        ConfigField.integer("concurrency")
            .atLeast(1)
            .defaultsTo(4L)
            .describe("How many deliveries may be under way at once."),
        ConfigField.string("shutdown_grace")
            .defaultsTo("5s")
            .describe(
                "How long closing waits for queued deliveries; the rest is delivered after the"
                    + " next start."));
  }

  public static ConfigSpec rule(RuleType type, boolean global) {
    return new ConfigSpec(type.description(), type.allFields(global), false);
  }

  public static ConfigSpec channel(ChannelType type) {
    return new ConfigSpec(type.description(), type.allFields(), false);
  }
}
