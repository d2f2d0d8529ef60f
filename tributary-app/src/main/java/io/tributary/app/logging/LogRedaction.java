package io.tributary.app.logging;

import io.tributary.engine.Redactor;
import java.util.Set;

/**
 * The secrets the log output must never show. Logback builds its converters itself, so this is the
 * one process-wide holder in the app: pipelines register their secret values when they are loaded,
 * and {@link RedactingMessageConverter} scrubs every log line with them.
 */
public final class LogRedaction {
  private static volatile Redactor redactor = Redactor.none();

  private LogRedaction() {}

  public static synchronized void register(Set<String> secrets) {
    if (!secrets.isEmpty()) {
      redactor = redactor.with(secrets);
    }
  }

  public static String scrub(String text) {
    return redactor.scrub(text);
  }
}
