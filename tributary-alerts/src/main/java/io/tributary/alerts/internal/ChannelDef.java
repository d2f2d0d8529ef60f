package io.tributary.alerts.internal;

import io.tributary.alerts.Severity;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A validated channel definition.
 *
 * @param id its name: the key in the global file, or {@code <pipeline>/<rule>/channels[<i>]} for
 *     one written in a rule
 * @param type its kind
 * @param minSeverity the least severe alert it receives
 * @param timeout how long one attempt may take
 * @param config its settings (secret fields masked by {@code toString})
 */
public record ChannelDef(
    String id, ChannelType type, Severity minSeverity, Duration timeout, Config config) {

  /** The values of its secret fields, to scrub from every text. */
  public Set<String> secretValues() {
    Set<String> out = new LinkedHashSet<>();
    for (ConfigField f : config.spec().fields()) {
      if (f.secret()) {
        config.optString(f.name()).ifPresent(out::add);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "ChannelDef[" + id + ", " + type.wire() + ", " + config + "]";
  }
}
