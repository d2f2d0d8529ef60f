package io.tributary.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.spi.CheckResult;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorContext.Window;
import io.tributary.spi.Emitter;
import io.tributary.spi.PermanentException;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file connector: see {@link FileConnectorProvider} for what it reads and {@link ReadSession}
 * for how state works. Holds no state between calls, so concurrent reads are safe.
 */
final class FileConnector implements Connector {
  /** How many records {@link #discover} looks at to infer the schema. */
  static final int SAMPLE_SIZE = 200;

  private final ConnectorContext context;
  private final ObjectMapper mapper;

  FileConnector(ConnectorContext context) {
    this.context = context;
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .build();
    this.mapper = new ObjectMapper(factory);
  }

  @Override
  public CheckResult check(Config config) {
    FileSettings settings;
    List<FileMatcher.InputFile> files;
    try {
      settings = FileSettings.from(config);
      files = FileMatcher.match(baseDir(), settings.path());
    } catch (ConfigException | PermanentException e) {
      return CheckResult.failed(e.getMessage());
    }
    if (files.isEmpty()) {
      return CheckResult.failed(noMatch(settings.path()));
    }
    int readable = 0;
    String firstProblem = null;
    for (FileMatcher.InputFile f : files) {
      String problem = unreadable(f.path());
      if (problem == null) {
        readable++;
      } else if (firstProblem == null) {
        firstProblem = f.stateKey() + ": " + problem;
      }
    }
    if (readable == 0) {
      return CheckResult.failed(
          String.format(
              "%d file(s) match path '%s' but none can be read (%s)",
              files.size(), settings.path(), firstProblem));
    }
    String note = firstProblem == null ? "" : "; cannot read " + firstProblem;
    return CheckResult.ok(
        String.format(
            "%d file(s) match path '%s', %d readable, format %s%s",
            files.size(), settings.path(), readable, settings.format().wire(), note));
  }

  @Override
  public List<StreamSpec> discover(Config config) {
    FileSettings settings = FileSettings.from(config);
    List<FileMatcher.InputFile> files = requireFiles(settings);
    FormatReader reader = reader(settings);
    Sample sample = new Sample(SAMPLE_SIZE);
    for (FileMatcher.InputFile file : files) {
      boolean more;
      try {
        more = reader.read(file, 0, settings.format() == Format.JSON ? 0 : 1, sample);
      } catch (IOException e) {
        throw unreadable(file, e);
      }
      if (!more) {
        break;
      }
    }
    return List.of(
        new StreamSpec(
            settings.stream(),
            SchemaInference.infer(sample.records),
            settings.primaryKey(),
            settings.cursorField()));
  }

  @Override
  public void read(StreamSpec stream, Config config, Map<String, Object> state, Emitter emitter) {
    FileSettings settings = FileSettings.from(config);
    Optional<String> cursorField = stream.cursorField().or(settings::cursorField);
    Optional<Window> window = context.window();
    if (window.isPresent() && cursorField.isEmpty()) {
      throw new ConfigException(
          List.of(
              ConfigProblem.at(
                  FileSettings.CURSOR_FIELD,
                  null,
                  "a backfill window needs 'cursor_field' to know which records fall in it")));
    }
    List<FileMatcher.InputFile> files = requireFiles(settings);
    FormatReader reader = reader(settings);
    ReadSession session =
        new ReadSession(stream.name(), settings, cursorField, window, state, emitter, files);
    for (int i = 0; i < files.size(); i++) {
      FileMatcher.InputFile file = files.get(i);
      ReadState.FileEntry from;
      try {
        BasicFileAttributes attrs = Files.readAttributes(file.path(), BasicFileAttributes.class);
        from = session.startFile(file, attrs.size(), attrs.lastModifiedTime().toMillis());
        if (from != null && !reader.read(file, from.offset(), from.position(), session)) {
          return;
        }
      } catch (IOException e) {
        throw unreadable(file, e);
      }
      session.fileDone(i == files.size() - 1);
      if (emitter.isCancelled()) {
        return;
      }
    }
    session.finish();
  }

  private FormatReader reader(FileSettings settings) {
    return switch (settings.format()) {
      case JSONL -> new JsonlReader(mapper.getFactory());
      case JSON -> new JsonDocumentReader(mapper, settings.recordsPath());
      case CSV -> new CsvReader(settings.csvDelimiter());
    };
  }

  private List<FileMatcher.InputFile> requireFiles(FileSettings settings) {
    List<FileMatcher.InputFile> files = FileMatcher.match(baseDir(), settings.path());
    if (files.isEmpty()) {
      throw new PermanentException(noMatch(settings.path()));
    }
    return files;
  }

  private Path baseDir() {
    return context.baseDir() == null ? Path.of("") : context.baseDir();
  }

  private String noMatch(String glob) {
    FileMatcher.Glob g = FileMatcher.split(baseDir(), glob);
    return String.format(
        "no file matches path '%s' (looked in %s); check 'path', which is relative to the"
            + " pipeline file's directory",
        glob, g.pattern().isEmpty() ? g.root().toAbsolutePath() : g.root().toAbsolutePath() + "/");
  }

  private static String unreadable(Path p) {
    try (InputStream in = Inputs.open(p, 0)) {
      in.read(new byte[1]);
      return null;
    } catch (IOException e) {
      return FileErrors.reason(e);
    }
  }

  private static PermanentException unreadable(FileMatcher.InputFile file, IOException e) {
    return new PermanentException(
        String.format("cannot read %s: %s", file.path(), FileErrors.reason(e)), e);
  }

  /** Collects the first records for schema inference. */
  private static final class Sample implements RecordSink {
    final List<Map<String, Object>> records = new ArrayList<>();
    private final int limit;

    Sample(int limit) {
      this.limit = limit;
    }

    @Override
    public boolean record(
        Map<String, Object> data, String origin, long nextOffset, long nextPosition) {
      records.add(data);
      return records.size() < limit;
    }

    @Override
    public boolean reject(
        String payload, String origin, String reason, long nextOffset, long nextPosition) {
      return true;
    }
  }
}
