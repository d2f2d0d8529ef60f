package io.tributary.alerts.internal;

import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Generates the Markdown reference of alert rules and channels from their declarations. */
public final class Reference {
  private Reference() {}

  public static String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("### Settings of every rule\n\n");
    table(
        sb,
        Specs.commonRuleFields(RuleType.EVENT, true),
        Map.of("name", "the type", "severity", "per type"));
    for (RuleType t : RuleType.values()) {
      sb.append("\n### Rule `").append(t.wire()).append("`\n\n");
      sb.append(t.description())
          .append(" Default severity: `")
          .append(t.defaultSeverity().wire())
          .append("`.\n\n");
      table(sb, t.fields());
    }
    sb.append("\n### Settings of every channel\n\n");
    table(sb, Specs.commonChannelFields());
    for (ChannelType t : ChannelType.values()) {
      sb.append("\n### Channel `").append(t.wire()).append("`\n\n");
      sb.append(t.description()).append("\n\n");
      table(sb, t.fields());
    }
    section(sb, "defaults", Specs.defaults());
    section(sb, "delivery", Specs.delivery());
    return sb.toString();
  }

  private static void section(StringBuilder sb, String name, ConfigSpec spec) {
    sb.append("\n### `").append(name).append("`\n\n");
    sb.append(spec.description()).append("\n\n");
    table(sb, spec.fields());
  }

  private static void table(StringBuilder sb, List<ConfigField> fields) {
    table(sb, fields, Map.of());
  }

  private static void table(StringBuilder sb, List<ConfigField> fields, Map<String, String> shown) {
    sb.append("| key | type | required | default | description |\n");
    sb.append("|---|---|---|---|---|\n");
    for (ConfigField f : fields) {
      sb.append("| `")
          .append(f.name())
          .append("` | ")
          .append(type(f))
          .append(" | ")
          .append(f.required() ? "yes" : "no")
          .append(" | ")
          .append(
              shown.containsKey(f.name())
                  ? shown.get(f.name())
                  : f.defaultValue() == null ? "" : "`" + show(f.defaultValue()) + "`")
          .append(" | ")
          .append(f.description().replace("|", "\\|"))
          .append(f.secret() ? " **Secret.**" : "")
          .append(
              f.allowedValues().isEmpty()
                  ? ""
                  : " One of: "
                      + f.allowedValues().stream()
                          .map(v -> "`" + v + "`")
                          .collect(Collectors.joining(", "))
                      + ".")
          .append(" |\n");
    }
  }

  private static String type(ConfigField f) {
    return switch (f.type()) {
      case STRING ->
          f.name().equals("sla")
                  || f.name().equals("renotify")
                  || (f.defaultValue() instanceof String d && Durations.parse(d).isPresent())
              ? "duration"
              : "string";
      case INTEGER -> "integer";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case STRING_LIST -> "string list";
      case LIST -> "list";
      case OBJECT -> "mapping";
      case ANY -> "any";
    };
  }

  private static String show(Object v) {
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(v);
  }
}
