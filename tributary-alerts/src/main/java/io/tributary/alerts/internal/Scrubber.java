package io.tributary.alerts.internal;

import io.tributary.spi.config.Secret;
import java.util.Collection;
import java.util.List;

/**
 * Replaces known secret values in text with {@link Secret#MASK}, longest first, and removes control
 * characters. Immutable and thread-safe.
 */
public final class Scrubber {
  private static final int MIN_SECRET_LENGTH = 4;
  private final List<String> secrets;

  public Scrubber(Collection<String> secrets) {
    this.secrets =
        secrets.stream()
            .filter(s -> s != null && s.length() >= MIN_SECRET_LENGTH)
            .distinct()
            .sorted((a, b) -> Integer.compare(b.length(), a.length()))
            .toList();
  }

  /** A scrubber knowing these secrets and {@code more}. */
  public Scrubber with(Collection<String> more) {
    java.util.List<String> all = new java.util.ArrayList<>(secrets);
    all.addAll(more);
    return new Scrubber(all);
  }

  /** {@code text} without secrets or control characters (newlines kept), or {@code null}. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, Secret.MASK);
      }
    }
    StringBuilder sb = null;
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (Character.isISOControl(c) && c != '\n') {
        if (sb == null) {
          sb = new StringBuilder(out.substring(0, i));
        }
        sb.append(' ');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? out : sb.toString();
  }

  /** Scrubs and shortens a single-line value to at most {@code max} characters. */
  public String clip(String text, int max) {
    String s = scrub(text);
    if (s == null) {
      return null;
    }
    s = s.replace('\n', ' ');
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** Whether {@code text} contains a known secret. */
  public boolean leaks(String text) {
    return text != null && secrets.stream().anyMatch(text::contains);
  }
}
