package io.tributary.alerts;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A pipeline's alert rules as written in its file, with the pipeline's secret values so that every
 * alert text can be scrubbed of them. Built from the engine's pipeline configuration: {@code new
 * PipelineAlerts(p.name(), p.alerts(), p.secrets())}.
 *
 * @param name the pipeline's name
 * @param rules its {@code alerts:} list, as written
 * @param secrets the values of its secret fields after interpolation (never shown)
 */
public record PipelineAlerts(String name, List<Map<String, Object>> rules, Set<String> secrets) {

  public PipelineAlerts {
    Objects.requireNonNull(name, "name");
    rules = rules == null ? List.of() : List.copyOf(rules);
    secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
  }

  /** Shows the rules' count, not their content, and only the number of secrets. */
  @Override
  public String toString() {
    return "PipelineAlerts[name="
        + name
        + ", rules="
        + rules.size()
        + ", secrets=<"
        + secrets.size()
        + " masked>]";
  }
}
