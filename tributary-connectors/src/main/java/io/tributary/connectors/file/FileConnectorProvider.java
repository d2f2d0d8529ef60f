package io.tributary.connectors.file;

import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.config.ConfigSpec;

/**
 * The {@code file} connector: reads JSON Lines, JSON documents and CSV files matched by a glob.
 *
 * <pre>{@code
 * source:
 *   connector: file
 *   config:
 *     path: data/*.jsonl        # relative to the pipeline file
 *     stream: posts
 *     primary_key: [id]
 *     cursor_field: created_at  # optional: incremental reads
 * }</pre>
 *
 * <p>One stream per configuration. Files are read in name order. A malformed JSON line or a CSV row
 * with the wrong number of cells goes to the quarantine with its file and line number ({@code
 * posts.jsonl:17}) and the read goes on; an unreadable file, a JSON document that is not valid JSON
 * or a {@code records_path} that leads nowhere fails the stream with a message naming the file.
 * Records carry their origin: {@code <file>:<line>} for JSONL and CSV, {@code <file>#<index>} for
 * JSON.
 *
 * <p>Numbers become {@code Long} (or {@code BigInteger} beyond 64 bits) and {@code Double} (or
 * {@code BigDecimal} when a double would not print back as the same decimal). CSV cells are
 * strings, an empty cell is {@code null}.
 *
 * <p>State: per file its size, last-modified time and either "done" or the position of the next
 * unread line (JSON: record index); a checkpoint follows every {@code checkpoint_every} inputs and
 * the end of each file. A re-run skips done, unchanged files, resumes a partly read file at its
 * last committed checkpoint and reads a changed file again from the start. With {@code
 * cursor_field} it also keeps the highest cursor and later skips records below it (ties are kept).
 * A backfill window reads every file and emits only records whose cursor lies in the window,
 * without touching the state.
 *
 * <p>Stateless and thread-safe, as the SPI requires.
 */
public final class FileConnectorProvider implements ConnectorProvider {

  /** Needed by {@link java.util.ServiceLoader}. */
  public FileConnectorProvider() {}

  @Override
  public String name() {
    return "file";
  }

  @Override
  public String description() {
    return "Local files: JSON Lines, JSON documents (records at a JSON Pointer) or CSV";
  }

  @Override
  public ConfigSpec spec() {
    return FileSettings.SPEC;
  }

  @Override
  public Connector create(ConnectorContext context) {
    return new FileConnector(context);
  }
}
