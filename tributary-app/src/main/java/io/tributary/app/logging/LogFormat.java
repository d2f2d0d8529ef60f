package io.tributary.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Switches the console log between readable text (the CLI's default, from {@code logback.xml}) and
 * JSON lines, for server mode. Logback builds its appenders from the XML file at start-up; this
 * reconfigures the existing console appender in place.
 */
public enum LogFormat {
  TEXT,
  JSON;

  /**
   * Configures logging for a long-running server: INFO by default (unless {@code level}, from
   * {@code TRIBUTARY_LOG_LEVEL}, says otherwise), the HTTP server's own chatter at WARN, and JSON
   * lines when asked for.
   */
  public static void configureServer(LogFormat format, String level) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return; // another SLF4J backend: leave it alone
    }
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    ctx.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    ctx.getLogger("io.javalin").setLevel(Level.WARN);
    ctx.getLogger("org.flywaydb").setLevel(Level.WARN);
    if (format != JSON) {
      return;
    }
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setLayout(layout);
        encoder.start();
        console.stop();
        console.setEncoder(encoder);
        console.start();
      }
    }
  }
}
