package io.tributary.connectors.file;

import java.io.IOException;

/**
 * Reads the records of one file in one format and hands them to a {@link RecordSink}.
 * Implementations are stateless and may be shared between threads.
 */
interface FormatReader {

  /**
   * Reads {@code file} from a position, as stored by {@link ReadState.FileEntry}.
   *
   * @param offset the byte offset to start at (line formats), or -1 for JSON
   * @param position the number of the line at {@code offset}, or the index of the first record to
   *     read (JSON)
   * @return false if the sink stopped the read early
   * @throws IOException when the file cannot be read
   * @throws io.tributary.spi.PermanentException when the file's structure is broken beyond one
   *     record (not JSON at all, a records_path that does not exist, a bad CSV header)
   */
  boolean read(FileMatcher.InputFile file, long offset, long position, RecordSink sink)
      throws IOException;
}
