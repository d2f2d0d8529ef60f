package io.tributary.connectors.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens input files. */
final class Inputs {
  /** Rejected inputs keep at most this much of the raw text. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  private Inputs() {}

  /** The file's bytes from {@code offset} on, unbuffered (readers bring their own buffers). */
  static InputStream open(Path path, long offset) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      if (offset > 0) {
        ch.position(offset);
      }
      return Channels.newInputStream(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }
}
