package io.tributary.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tributary.spi.PermanentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON Lines: one JSON object per line; blank lines are skipped. A line that is not valid JSON, or
 * valid JSON but not an object, is rejected with its line number and the read goes on.
 *
 * <p>Lines are parsed straight from the read buffer's bytes (no decoding to a String first); field
 * names are interned by the shared {@link JsonFactory}'s symbol table.
 */
final class JsonlReader implements FormatReader {
  private final JsonFactory factory;

  JsonlReader(JsonFactory factory) {
    this.factory = factory;
  }

  @Override
  public boolean read(FileMatcher.InputFile file, long offset, long position, RecordSink sink)
      throws IOException {
    String prefix = file.name() + ':';
    try (InputStream in = Inputs.open(file.path(), offset)) {
      LineScanner lines = new LineScanner(in, offset, position);
      while (nextLine(lines, file)) {
        if (lines.isBlank()) {
          continue;
        }
        long n = lines.lineNumber();
        String origin = prefix + n;
        byte[] buf = lines.buffer();
        Map<String, Object> record = null;
        String problem;
        try (JsonParser p = factory.createParser(buf, lines.start(), lines.length())) {
          problem = parseLine(p);
          if (problem == null) {
            record = JsonValues.readObject(p);
            problem = trailing(p, buf, lines.start());
          }
        } catch (JsonProcessingException e) {
          problem =
              String.format(
                  "invalid JSON at column %d: %s",
                  column(buf, lines.start(), lines.length(), e.getLocation().getByteOffset()),
                  cleanMessage(e.getOriginalMessage()));
        }
        boolean more =
            problem == null
                ? sink.record(record, origin, lines.nextOffset(), n + 1)
                : sink.reject(
                    lines.text(Inputs.MAX_PAYLOAD_BYTES),
                    origin,
                    problem,
                    lines.nextOffset(),
                    n + 1);
        if (!more) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean nextLine(LineScanner lines, FileMatcher.InputFile file)
      throws IOException {
    try {
      return lines.next();
    } catch (LineScanner.LineTooLongException e) {
      throw new PermanentException(
          String.format(
              "%s: %s; is it really JSON Lines (one record per line)?",
              file.stateKey(), e.getMessage()),
          e);
    }
  }

  /** Moves to the line's first token; returns a problem when it does not start an object. */
  private static String parseLine(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.START_OBJECT) {
      return null;
    }
    return String.format(
        "line holds a JSON %s, not an object; JSON Lines needs one object per line", kind(t));
  }

  /** A problem when anything but whitespace follows the object on the line. */
  private static String trailing(JsonParser p, byte[] buf, int start) throws IOException {
    if (p.nextToken() == null) {
      return null;
    }
    long at = p.currentTokenLocation().getByteOffset();
    return String.format(
        "unexpected content at column %d after the JSON object; JSON Lines needs one object per"
            + " line",
        column(buf, start, Integer.MAX_VALUE, at));
  }

  /** The 1-based character column of a byte offset within the line. */
  private static long column(byte[] buf, int start, int length, long byteOffset) {
    if (byteOffset < 0) {
      return 1;
    }
    int n = (int) Math.min(Math.min(byteOffset, length), buf.length - start);
    return new String(buf, start, n, StandardCharsets.UTF_8).length() + 1L;
  }

  /** Jackson's message without its note about the hidden source. */
  static String cleanMessage(String m) {
    if (m == null) {
      return "malformed JSON";
    }
    return m.replaceAll("Source: REDACTED \\([^)]*\\); ", "");
  }

  static String kind(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> "value";
    };
  }
}
