package io.tributary.connectors.file;

import com.fasterxml.jackson.core.JsonPointer;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.ConfigSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The file connector's configuration, checked beyond what the declaration can express.
 *
 * @param path the glob as written
 * @param format the file format (given or inferred from the path's extension)
 * @param stream the stream's name
 * @param primaryKey the primary key fields
 * @param cursorField the cursor field, if any
 * @param recordsPath where the records are inside each JSON document; empty for the default
 * @param recordPointer a JSON Pointer applied to each record to unwrap an envelope; empty for none
 * @param csvDelimiter the CSV cell separator
 * @param checkpointEvery emit a checkpoint after this many records
 */
record FileSettings(
    String path,
    Format format,
    String stream,
    List<String> primaryKey,
    Optional<String> cursorField,
    Optional<JsonPointer> recordsPath,
    Optional<JsonPointer> recordPointer,
    char csvDelimiter,
    long checkpointEvery) {

  static final String PATH = "path";
  static final String FORMAT = "format";
  static final String STREAM = "stream";
  static final String PRIMARY_KEY = "primary_key";
  static final String CURSOR_FIELD = "cursor_field";
  static final String RECORDS_PATH = "records_path";
  static final String RECORD_POINTER = "record_pointer";
  static final String CSV_DELIMITER = "csv_delimiter";
  static final String CHECKPOINT_EVERY = "checkpoint_every";

  private static final Pattern STREAM_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          "Reads records from local files: JSON Lines, JSON documents or CSV. Files matching the"
              + " glob are read in name order; progress is kept per file, so a re-run skips files"
              + " that are done and unchanged and resumes a file where the last run stopped.",
          ConfigField.string(PATH)
              .asRequired()
              .describe(
                  "Glob of the input files, relative to the pipeline file's directory (absolute"
                      + " paths allowed); '**' crosses directories.")
              .example("data/*.jsonl"),
          ConfigField.string(FORMAT)
              .oneOf("jsonl", "json", "csv")
              .describe(
                  "File format; when absent it is inferred from the path's extension (.jsonl or"
                      + " .ndjson, .json, .csv)."),
          ConfigField.string(STREAM)
              .defaultsTo("records")
              .describe("Name of the stream (and table) the records go to; [a-z_][a-z0-9_]*."),
          ConfigField.stringList(PRIMARY_KEY)
              .describe(
                  "Fields that identify a record; records with the same key are upserted. Empty:"
                      + " the whole content is the key.")
              .example(List.of("id")),
          ConfigField.string(CURSOR_FIELD)
              .describe(
                  "Field that orders records (a timestamp or number). Later runs skip records"
                      + " whose cursor is below the highest one already read; ties are read"
                      + " again.")
              .example("created_at"),
          ConfigField.string(RECORDS_PATH)
              .describe(
                  "For format json: JSON Pointer to the array of records inside each document."
                      + " Default: the document itself if it is an array, else the document as"
                      + " one record.")
              .example("/data/children"),
          ConfigField.string(RECORD_POINTER)
              .describe(
                  "JSON Pointer applied to each record to unwrap an envelope, e.g. /data for"
                      + " Reddit's {kind, data} children. A record where it leads to no object"
                      + " is quarantined.")
              .example("/data"),
          ConfigField.string(CSV_DELIMITER)
              .defaultsTo(",")
              .describe("For format csv: the single character that separates cells."),
          ConfigField.integer(CHECKPOINT_EVERY)
              .defaultsTo(10_000)
              .atLeast(1)
              .describe(
                  "Emit a checkpoint (resumable progress) after this many records, and at the end"
                      + " of each file."));

  /**
   * Reads and checks the configuration.
   *
   * @throws ConfigException listing every problem
   */
  static FileSettings from(Config config) {
    List<ConfigProblem> problems = new ArrayList<>();
    String path = config.string(PATH);
    if (path.isBlank()) {
      problems.add(ConfigProblem.at(PATH, path, "'path' must name a file or a glob"));
    }

    Format format = null;
    Optional<String> givenFormat = config.optString(FORMAT);
    if (givenFormat.isPresent()) {
      format = Format.fromWire(givenFormat.get());
    } else {
      format = Format.fromExtension(path).orElse(null);
      if (format == null) {
        problems.add(
            ConfigProblem.at(
                FORMAT,
                null,
                String.format(
                    "cannot infer 'format' from path '%s'; set 'format' to one of jsonl, json, csv",
                    path)));
      }
    }

    String stream = config.string(STREAM);
    if (!STREAM_NAME.matcher(stream).matches()) {
      problems.add(
          ConfigProblem.at(
              STREAM,
              stream,
              "'stream' must be lower case letters, digits and '_', starting with a letter or"
                  + " '_'"));
    }

    Optional<JsonPointer> recordsPath = Optional.empty();
    Optional<String> pointer = config.optString(RECORDS_PATH);
    if (pointer.isPresent()) {
      if (format != null && format != Format.JSON) {
        problems.add(
            ConfigProblem.at(
                RECORDS_PATH,
                pointer.get(),
                "'records_path' applies only to format json (format is " + format.wire() + ")"));
      }
      try {
        recordsPath = Optional.of(JsonPointer.compile(pointer.get()));
      } catch (IllegalArgumentException e) {
        problems.add(
            ConfigProblem.at(
                RECORDS_PATH,
                pointer.get(),
                "'records_path' must be a JSON Pointer: empty, or starting with '/' (e.g."
                    + " /data/children)"));
      }
    }

    Optional<JsonPointer> recordPointer = Optional.empty();
    Optional<String> unwrap = config.optString(RECORD_POINTER);
    if (unwrap.isPresent()) {
      try {
        JsonPointer ptr = JsonPointer.compile(unwrap.get());
        if (ptr.matches()) {
          problems.add(
              ConfigProblem.at(
                  RECORD_POINTER,
                  unwrap.get(),
                  "'record_pointer' must point inside the record, e.g. /data (leave it out to keep"
                      + " records whole)"));
        } else {
          recordPointer = Optional.of(ptr);
        }
      } catch (IllegalArgumentException e) {
        problems.add(
            ConfigProblem.at(
                RECORD_POINTER,
                unwrap.get(),
                "'record_pointer' must be a JSON Pointer starting with '/' (e.g. /data)"));
      }
    }

    String delimiter = config.string(CSV_DELIMITER);
    char csvDelimiter = ',';
    if (delimiter.length() != 1 || "\"\r\n".indexOf(delimiter.charAt(0)) >= 0) {
      problems.add(
          ConfigProblem.at(
              CSV_DELIMITER,
              delimiter,
              "'csv_delimiter' must be a single character other than a quote or a line break"));
    } else {
      csvDelimiter = delimiter.charAt(0);
      if (csvDelimiter != ',' && format != null && format != Format.CSV) {
        problems.add(
            ConfigProblem.at(
                CSV_DELIMITER,
                delimiter,
                "'csv_delimiter' applies only to format csv (format is " + format.wire() + ")"));
      }
    }

    Optional<String> cursor = config.optString(CURSOR_FIELD);
    if (cursor.isPresent() && cursor.get().isBlank()) {
      problems.add(ConfigProblem.at(CURSOR_FIELD, "", "'cursor_field' must name a field"));
    }

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new FileSettings(
        path,
        format,
        stream,
        config.strings(PRIMARY_KEY),
        cursor,
        recordsPath,
        recordPointer,
        csvDelimiter,
        config.integer(CHECKPOINT_EVERY, 10_000));
  }
}
