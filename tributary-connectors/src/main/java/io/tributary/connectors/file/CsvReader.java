package io.tributary.connectors.file;

import io.tributary.spi.PermanentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV (RFC 4180, any single-character delimiter) with a header row that names the fields.
 *
 * <p>Cells are strings; an empty cell becomes {@code null}. A quoted cell may span lines. The file
 * is split into records here, on the raw bytes, so each record's byte offset and first line number
 * are exact (a read can resume mid-file); commons-csv then parses each record's cells. A record
 * whose cell count differs from the header's, or that is not valid CSV, is rejected with its line
 * number and the read goes on. A blank header name becomes {@code column_<n>}; a repeated one fails
 * the stream.
 */
final class CsvReader implements FormatReader {
  /** A quoted cell that has not ended after this many bytes means a stray quote. */
  static final int MAX_RECORD_BYTES = 16 << 20;

  private final CSVFormat format;
  private final char delimiter;

  CsvReader(char delimiter) {
    this.delimiter = delimiter;
    this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
  }

  @Override
  public boolean read(FileMatcher.InputFile file, long offset, long position, RecordSink sink)
      throws IOException {
    List<String> header = offset > 0 ? readHeader(file) : null;
    String prefix = file.name() + ':';
    try (InputStream in = Inputs.open(file.path(), offset)) {
      Records records = new Records(new LineScanner(in, offset, position), file);
      while (records.next()) {
        String text = records.text();
        String origin = prefix + records.firstLine();
        if (header == null) {
          header = header(file, text, records.firstLine());
          continue;
        }
        List<String> cells;
        try {
          cells = cells(text);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
          if (!sink.reject(
              cap(text),
              origin,
              String.format("invalid CSV at line %d: %s", records.firstLine(), e.getMessage()),
              records.nextOffset(),
              records.nextLine())) {
            return false;
          }
          continue;
        }
        boolean more;
        if (cells.size() != header.size()) {
          more =
              sink.reject(
                  cap(text),
                  origin,
                  String.format(
                      "line %d has %d cells but the header has %d columns",
                      records.firstLine(), cells.size(), header.size()),
                  records.nextOffset(),
                  records.nextLine());
        } else {
          Map<String, Object> data = new LinkedHashMap<>();
          for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            data.put(header.get(i), cell.isEmpty() ? null : cell);
          }
          more = sink.record(data, origin, records.nextOffset(), records.nextLine());
        }
        if (!more) {
          return false;
        }
      }
    }
    return true;
  }

  private List<String> readHeader(FileMatcher.InputFile file) throws IOException {
    try (InputStream in = Inputs.open(file.path(), 0)) {
      Records records = new Records(new LineScanner(in, 0, 1), file);
      if (!records.next()) {
        throw new PermanentException(
            file.stateKey() + " has no header row any more; it changed while being read");
      }
      return header(file, records.text(), records.firstLine());
    }
  }

  private List<String> header(FileMatcher.InputFile file, String text, long line) {
    List<String> names;
    try {
      names = cells(text);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new PermanentException(
          String.format(
              "%s: the header row (line %d) is not valid CSV: %s",
              file.stateKey(), line, e.getMessage()),
          e);
    }
    List<String> out = new ArrayList<>(names.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip();
      if (name.isEmpty()) {
        name = "column_" + (i + 1);
      }
      if (!seen.add(name)) {
        throw new PermanentException(
            String.format(
                "%s: the header row (line %d) names column '%s' twice; give each column a"
                    + " unique name",
                file.stateKey(), line, name));
      }
      out.add(name);
    }
    return out;
  }

  private List<String> cells(String text) throws IOException {
    try (CSVParser parser = CSVParser.parse(text, format)) {
      Iterator<CSVRecord> it = parser.iterator();
      if (!it.hasNext()) {
        return List.of("");
      }
      return it.next().toList();
    }
  }

  private static String cap(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return b.length <= Inputs.MAX_PAYLOAD_BYTES
        ? text
        : LineScanner.decode(b, 0, b.length, Inputs.MAX_PAYLOAD_BYTES);
  }

  /**
   * Groups physical lines into CSV records by tracking quoted cells (RFC 4180: a cell is quoted
   * when it starts with a quote; a doubled quote inside it is a literal quote). Blank lines between
   * records are skipped.
   */
  private final class Records {
    private final LineScanner lines;
    private final FileMatcher.InputFile file;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private String text;
    private long firstLine;

    Records(LineScanner lines, FileMatcher.InputFile file) {
      this.lines = lines;
      this.file = file;
    }

    boolean next() throws IOException {
      boolean inRecord = false;
      boolean inQuotes = false;
      boolean quoteSeen = false;
      boolean cellStart = true;
      pending.reset();
      while (advance()) {
        if (!inRecord) {
          if (lines.isBlank()) {
            continue;
          }
          inRecord = true;
          firstLine = lines.lineNumber();
        }
        byte[] b = lines.buffer();
        for (int i = lines.start(), end = lines.end(); i < end; i++) {
          byte c = b[i];
          if (inQuotes) {
            if (quoteSeen) {
              quoteSeen = false;
              if (c == '"') {
                continue;
              }
              inQuotes = false;
            } else {
              if (c == '"') {
                quoteSeen = true;
              }
              continue;
            }
          }
          if (c == delimiter) {
            cellStart = true;
          } else {
            if (c == '"' && cellStart) {
              inQuotes = true;
            }
            cellStart = false;
          }
        }
        if (quoteSeen) {
          inQuotes = false;
          quoteSeen = false;
        }
        if (!inQuotes) {
          if (pending.size() == 0) {
            text = lines.text(Integer.MAX_VALUE);
          } else {
            pending.write(b, lines.start(), lines.length());
            text = pending.toString(StandardCharsets.UTF_8);
          }
          return true;
        }
        pending.write(b, lines.start(), lines.rawEnd() - lines.start());
        if (pending.size() > MAX_RECORD_BYTES) {
          throw new PermanentException(
              String.format(
                  "%s: the quoted cell that starts on line %d does not end within %d MiB; look"
                      + " for a stray quote there",
                  file.stateKey(), firstLine, MAX_RECORD_BYTES >> 20));
        }
      }
      if (inRecord) {
        // The file ended inside a quoted cell: hand over what there is; parsing will reject it.
        text = pending.toString(StandardCharsets.UTF_8);
        return true;
      }
      return false;
    }

    private boolean advance() throws IOException {
      try {
        return lines.next();
      } catch (LineScanner.LineTooLongException e) {
        throw new PermanentException(
            String.format("%s: %s; is it really CSV?", file.stateKey(), e.getMessage()), e);
      }
    }

    String text() {
      return text;
    }

    long firstLine() {
      return firstLine;
    }

    long nextOffset() {
      return lines.nextOffset();
    }

    long nextLine() {
      return lines.lineNumber() + 1;
    }
  }
}
