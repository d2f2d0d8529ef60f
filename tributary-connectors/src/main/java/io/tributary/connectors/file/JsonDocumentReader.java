package io.tributary.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.spi.PermanentException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One JSON document per file. The records are the array at {@code records_path} (a JSON Pointer),
 * or by default the document itself if it is an array, else the document as one record.
 *
 * <p>The document is streamed, not loaded whole: the parser walks to the pointer, skipping every
 * other part, then reads the array one element at a time, so a file larger than memory works. An
 * element that is not an object is rejected with its index; a pointer that leads nowhere, or a
 * document that is not valid JSON, fails the stream with a {@link PermanentException} naming the
 * file (records before the error have been emitted).
 */
final class JsonDocumentReader implements FormatReader {
  private static final int MAX_NAMES_SHOWN = 12;

  private final JsonFactory factory;
  private final Optional<JsonPointer> recordsPath;
  private final ObjectMapper writer;

  JsonDocumentReader(ObjectMapper mapper, Optional<JsonPointer> recordsPath) {
    this.factory = mapper.getFactory();
    this.recordsPath = recordsPath;
    this.writer = mapper;
  }

  @Override
  public boolean read(FileMatcher.InputFile file, long offset, long position, RecordSink sink)
      throws IOException {
    String prefix = file.name() + '#';
    try (InputStream in = Inputs.open(file.path(), 0);
        JsonParser p = factory.createParser(in)) {
      JsonToken t = navigate(p, file);
      if (t == JsonToken.START_OBJECT) {
        if (position > 0) {
          return true;
        }
        return sink.record(JsonValues.readObject(p), prefix + 0, -1, 1);
      }
      if (t != JsonToken.START_ARRAY) {
        throw new PermanentException(
            String.format(
                "%s: %s is a JSON %s; it must be an array of records or one object",
                file.stateKey(), where(), JsonlReader.kind(t)));
      }
      long index = 0;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new PermanentException(file.stateKey() + ": the JSON document ends too early");
        }
        if (index < position) {
          p.skipChildren();
        } else {
          boolean more;
          if (t == JsonToken.START_OBJECT) {
            more = sink.record(JsonValues.readObject(p), prefix + index, -1, index + 1);
          } else {
            Object value = JsonValues.readValue(p, t);
            byte[] json = writer.writeValueAsBytes(value);
            String text = LineScanner.decode(json, 0, json.length, Inputs.MAX_PAYLOAD_BYTES);
            more =
                sink.reject(
                    text,
                    prefix + index,
                    String.format(
                        "element %d of %s is a JSON %s, not an object",
                        index, where(), JsonlReader.kind(t)),
                    -1,
                    index + 1);
          }
          if (!more) {
            return false;
          }
        }
        index++;
      }
      return true;
    } catch (JsonProcessingException e) {
      throw new PermanentException(
          String.format(
              "%s is not valid JSON at line %d, column %d: %s",
              file.stateKey(),
              e.getLocation().getLineNr(),
              e.getLocation().getColumnNr(),
              JsonlReader.cleanMessage(e.getOriginalMessage())),
          e);
    }
  }

  private String where() {
    return recordsPath.map(ptr -> "records_path '" + ptr + "'").orElse("the document");
  }

  /** Walks to the records_path target and returns its first token. */
  private JsonToken navigate(JsonParser p, FileMatcher.InputFile file) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new PermanentException(file.stateKey() + " is empty; expected a JSON document");
    }
    if (recordsPath.isEmpty()) {
      return t;
    }
    JsonPointer full = recordsPath.get();
    JsonPointer ptr = full;
    StringBuilder walked = new StringBuilder();
    while (!ptr.matches()) {
      String name = ptr.getMatchingProperty();
      if (t == JsonToken.START_OBJECT) {
        t = findMember(p, name, file, full, walked);
      } else if (t == JsonToken.START_ARRAY) {
        t = findElement(p, ptr.getMatchingIndex(), name, file, full, walked);
      } else {
        throw notFound(
            file,
            full,
            String.format(
                "%s is a JSON %s, not an object or array",
                walked.isEmpty() ? "the document" : "'" + walked + "'", JsonlReader.kind(t)));
      }
      walked.append('/').append(name);
      ptr = ptr.tail();
    }
    return t;
  }

  private static JsonToken findMember(
      JsonParser p, String name, FileMatcher.InputFile file, JsonPointer full, CharSequence walked)
      throws IOException {
    List<String> seen = new ArrayList<>();
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken value = p.nextToken();
      if (field.equals(name)) {
        return value;
      }
      if (seen.size() < MAX_NAMES_SHOWN) {
        seen.add(field);
      }
      p.skipChildren();
    }
    throw notFound(
        file,
        full,
        String.format(
            "%s has no member '%s' (members: %s)",
            walked.isEmpty() ? "the document" : "'" + walked + "'",
            name,
            seen.isEmpty() ? "none" : String.join(", ", seen)));
  }

  private static JsonToken findElement(
      JsonParser p,
      int index,
      String name,
      FileMatcher.InputFile file,
      JsonPointer full,
      CharSequence walked)
      throws IOException {
    String at = walked.isEmpty() ? "the document" : "'" + walked + "'";
    if (index < 0) {
      throw notFound(
          file, full, String.format("%s is an array, so '%s' must be an index", at, name));
    }
    int i = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (i == index) {
        return t;
      }
      p.skipChildren();
      i++;
    }
    throw notFound(
        file, full, String.format("%s has %d elements, so there is no index %d", at, i, index));
  }

  private static PermanentException notFound(
      FileMatcher.InputFile file, JsonPointer full, String detail) {
    return new PermanentException(
        String.format(
            "%s: records_path '%s' does not lead to the records: %s; fix 'records_path'",
            file.stateKey(), full, detail));
  }
}
