package io.tributary.http.internal.engine;

import io.tributary.spi.config.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Replaces every known secret (configured keys and tokens, access tokens obtained during the run)
 * with {@link Secret#MASK} in text that leaves the engine: errors, recorded exchanges. Thread-safe.
 */
public final class Scrubber {
  private static final int MIN_LENGTH = 4;
  private final Set<String> secrets = new CopyOnWriteArraySet<>();

  /** Adds a secret; values shorter than 4 characters are ignored (they would mask too much). */
  public void add(String secret) {
    if (secret != null && secret.length() >= MIN_LENGTH) {
      secrets.add(secret);
      String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
      if (!encoded.equals(secret)) {
        secrets.add(encoded);
      }
    }
  }

  public String scrub(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    List<String> longestFirst =
        secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String s : longestFirst) {
      out = out.replace(s, Secret.MASK);
    }
    return out;
  }
}
