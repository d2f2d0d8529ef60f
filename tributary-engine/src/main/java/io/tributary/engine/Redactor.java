package io.tributary.engine;

import io.tributary.spi.config.Secret;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Replaces known secret values in text with {@link Secret#MASK}. Immutable and thread-safe; build
 * one per pipeline from {@code PipelineConfig.secrets()} and scrub every message, error and payload
 * before it leaves the engine.
 */
public final class Redactor {
  private static final Redactor NONE = new Redactor(List.of());
  private final List<String> secrets;

  public Redactor(Collection<String> secrets) {
    // longest first so that a secret containing another is masked whole; ignore trivial values
    this.secrets =
        secrets.stream()
            .filter(s -> s != null && s.length() >= 4)
            .distinct()
            .sorted((a, b) -> Integer.compare(b.length(), a.length()))
            .toList();
  }

  public static Redactor none() {
    return NONE;
  }

  public Redactor with(Set<String> more) {
    java.util.List<String> all = new java.util.ArrayList<>(secrets);
    all.addAll(more);
    return new Redactor(all);
  }

  public String scrub(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, Secret.MASK);
      }
    }
    return out;
  }
}
