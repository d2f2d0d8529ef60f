package io.tributary.connectors.file;

import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds connectors, configurations and input files for the file connector's tests. */
final class FileTestSupport {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

  private FileTestSupport() {}

  static Connector connector(Path baseDir) {
    return new FileConnectorProvider().create(ConnectorContext.of(baseDir, CLOCK));
  }

  /** A validated configuration from alternating keys and values. */
  static Config config(Object... keysAndValues) {
    Map<String, Object> raw = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      raw.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Config.of(new FileConnectorProvider().spec(), raw);
  }

  static StreamSpec stream(Config config) {
    return new StreamSpec(
        config.string("stream"),
        Map.of(),
        config.strings("primary_key"),
        Optional.ofNullable(config.optString("cursor_field").orElse(null)));
  }

  static RecordingEmitter read(Connector connector, Config config, Map<String, Object> state) {
    RecordingEmitter emitter = new RecordingEmitter();
    connector.read(stream(config), config, state, emitter);
    return emitter;
  }

  static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON lines {"id": from .. to-1, "name": "n<id>"}. */
  static String jsonLines(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append("{\"id\":").append(i).append(",\"name\":\"n").append(i).append("\"}\n");
    }
    return sb.toString();
  }

  /** A JSON object value, typed for assertions. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object value) {
    return (Map<String, Object>) value;
  }

  static List<Long> longs(int from, int to) {
    return java.util.stream.LongStream.range(from, to).boxed().toList();
  }
}
