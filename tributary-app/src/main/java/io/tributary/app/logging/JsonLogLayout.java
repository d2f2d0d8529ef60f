package io.tributary.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One JSON object per log line, for {@code tributary serve --log-format json}:
 *
 * <pre>{"ts":"2025-01-01T00:00:00.123Z","level":"INFO","logger":"io.tributary...","thread":"run-1",
 * "message":"...","run_id":"...","pipeline":"...","stream":"...","request_id":"..."}</pre>
 *
 * The MDC keys {@code run_id}, {@code pipeline}, {@code stream} and {@code request_id} become
 * top-level fields when set; other MDC keys go under {@code mdc}. The message and the stack trace
 * ({@code exception}) are scrubbed of every registered secret, as in text mode.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
  private static final Set<String> TOP_LEVEL = Set.of("run_id", "pipeline", "stream", "request_id");
  private final JsonFactory json = new JsonFactory();

  @Override
  public String doLayout(ILoggingEvent event) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      g.writeStringField("level", event.getLevel().toString());
      g.writeStringField("logger", event.getLoggerName());
      g.writeStringField("thread", event.getThreadName());
      g.writeStringField("message", LogRedaction.scrub(event.getFormattedMessage()));
      Map<String, String> mdc = event.getMDCPropertyMap();
      Map<String, String> rest = new TreeMap<>();
      if (mdc != null) {
        for (Map.Entry<String, String> e : new TreeMap<>(mdc).entrySet()) {
          if (TOP_LEVEL.contains(e.getKey())) {
            g.writeStringField(e.getKey(), LogRedaction.scrub(e.getValue()));
          } else {
            rest.put(e.getKey(), LogRedaction.scrub(e.getValue()));
          }
        }
      }
      if (!rest.isEmpty()) {
        g.writeObjectFieldStart("mdc");
        for (Map.Entry<String, String> e : rest.entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      IThrowableProxy t = event.getThrowableProxy();
      if (t != null) {
        g.writeStringField("exception", LogRedaction.scrub(ThrowableProxyUtil.asString(t)));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append(CoreConstants.LINE_SEPARATOR).toString();
  }

  @Override
  public String getContentType() {
    return "application/json";
  }
}
