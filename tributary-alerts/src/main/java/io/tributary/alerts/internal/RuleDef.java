package io.tributary.alerts.internal;

import io.tributary.alerts.Severity;
import io.tributary.spi.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A validated rule.
 *
 * @param id {@code <pipeline>/<name>} or {@code global:<name>}; alert state is kept under it
 * @param pipeline the pipeline it belongs to, or {@code null} for a global rule
 * @param name its name
 * @param type its kind
 * @param severity its alerts' severity
 * @param channels the ids of the channels its alerts go to
 * @param renotify the reminder interval, or {@code null} for none
 * @param pipelines for a global rule, the names or globs of the pipelines it applies to
 * @param params its settings, defaults applied
 */
public record RuleDef(
    String id,
    String pipeline,
    String name,
    RuleType type,
    Severity severity,
    List<String> channels,
    Duration renotify,
    List<String> pipelines,
    Config params) {

  public RuleDef {
    channels = List.copyOf(channels);
    pipelines = List.copyOf(pipelines);
  }

  /** Whether this rule watches {@code pipelineName} (which may be {@code null} for events). */
  public boolean appliesTo(String pipelineName) {
    if (pipeline != null) {
      return pipeline.equals(pipelineName);
    }
    if (pipelines.isEmpty()) {
      return true;
    }
    if (pipelineName == null) {
      return pipelines.contains("*");
    }
    return pipelines.stream().anyMatch(g -> glob(g).matcher(pipelineName).matches());
  }

  private static Pattern glob(String g) {
    StringBuilder sb = new StringBuilder();
    for (char c : g.toCharArray()) {
      switch (c) {
        case '*' -> sb.append(".*");
        case '?' -> sb.append('.');
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString());
  }

  public Duration duration(String field) {
    return Durations.parse(params.string(field)).orElseThrow();
  }

  public double number(String field) {
    return params.number(field, 0);
  }

  public long integer(String field) {
    return params.integer(field, 0);
  }

  public boolean bool(String field) {
    return params.bool(field, false);
  }
}
