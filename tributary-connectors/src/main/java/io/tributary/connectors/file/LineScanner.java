package io.tributary.connectors.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines without decoding them, keeping each line's byte offset in the
 * file and its 1-based line number.
 *
 * <p>After {@link #next()} returns true, the line's bytes are {@code buffer()[start() .. end())},
 * without the line terminator ({@code \n} or {@code \r\n}). The bytes stay valid until the next
 * call. A UTF-8 byte order mark at the start of the file is not part of line 1. Not thread-safe;
 * one scanner reads one file on one thread.
 */
final class LineScanner {
  static final int MAX_LINE_BYTES = 64 << 20;
  private static final int INITIAL_BUFFER = 1 << 20;

  private final InputStream in;
  private byte[] buf = new byte[INITIAL_BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private long bufferOffset;
  private boolean atFileStart;

  private int lineStart;
  private int lineEnd;
  private int rawEnd;
  private long lineNumber;
  private long lineOffset;

  /**
   * @param in the file's bytes from {@code offset} on
   * @param offset the byte offset in the file where {@code in} starts (the start of a line)
   * @param firstLine the number of the line starting there (1 for the file start)
   */
  LineScanner(InputStream in, long offset, long firstLine) {
    this.in = in;
    this.bufferOffset = offset;
    this.lineNumber = firstLine - 1;
    this.atFileStart = offset == 0;
  }

  /**
   * Advances to the next line.
   *
   * @return false at the end of the input
   * @throws LineTooLongException when a line exceeds {@link #MAX_LINE_BYTES}
   */
  boolean next() throws IOException {
    int scanFrom = pos;
    while (true) {
      int nl = indexOfNewline(scanFrom, limit);
      if (nl >= 0) {
        setLine(pos, nl, nl + 1);
        return true;
      }
      if (eof) {
        if (pos < limit) {
          setLine(pos, limit, limit);
          return true;
        }
        return false;
      }
      scanFrom = limit - pos;
      fill();
    }
  }

  private void setLine(int from, int to, int after) {
    lineOffset = bufferOffset + from;
    if (atFileStart) {
      atFileStart = false;
      if (to - from >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB) {
        if (buf[from + 2] == (byte) 0xBF) {
          from += 3;
        }
      }
    }
    int end = to;
    if (end > from && buf[end - 1] == '\r' && after > to) {
      end--;
    }
    lineStart = from;
    lineEnd = end;
    rawEnd = after;
    pos = after;
    lineNumber++;
  }

  private int indexOfNewline(int from, int to) {
    byte[] b = buf;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Moves the unread part to the front, grows the buffer if one line fills it, reads more. */
  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      bufferOffset += pos;
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      if (buf.length >= MAX_LINE_BYTES) {
        throw new LineTooLongException(lineNumber + 1);
      }
      byte[] bigger = new byte[Math.min(buf.length * 2, MAX_LINE_BYTES)];
      System.arraycopy(buf, 0, bigger, 0, limit);
      buf = bigger;
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  byte[] buffer() {
    return buf;
  }

  int start() {
    return lineStart;
  }

  int end() {
    return lineEnd;
  }

  /** Where the line's terminator ends: the start of the next line in the buffer. */
  int rawEnd() {
    return rawEnd;
  }

  int length() {
    return lineEnd - lineStart;
  }

  /** The current line's 1-based number. */
  long lineNumber() {
    return lineNumber;
  }

  /** The byte offset in the file where the current line starts. */
  long lineOffset() {
    return lineOffset;
  }

  /** The byte offset in the file where the next line starts. */
  long nextOffset() {
    return bufferOffset + rawEnd;
  }

  /** True when the current line holds only spaces and tabs, or nothing. */
  boolean isBlank() {
    for (int i = lineStart; i < lineEnd; i++) {
      byte c = buf[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  /** The current line as text, cut to at most {@code maxBytes} bytes at a character boundary. */
  String text(int maxBytes) {
    return decode(buf, lineStart, lineEnd, maxBytes);
  }

  /** Decodes UTF-8 bytes, cut to at most {@code maxBytes} at a character boundary. */
  static String decode(byte[] bytes, int from, int to, int maxBytes) {
    int end = to;
    if (end - from > maxBytes) {
      end = from + maxBytes;
      while (end > from && (bytes[end] & 0xC0) == 0x80) {
        end--;
      }
    }
    return new String(bytes, from, end - from, StandardCharsets.UTF_8);
  }

  /** A line longer than {@link #MAX_LINE_BYTES}: the file is not line-oriented text. */
  static final class LineTooLongException extends IOException {
    final long line;

    LineTooLongException(long line) {
      super("line " + line + " is longer than " + (MAX_LINE_BYTES >> 20) + " MiB");
      this.line = line;
    }
  }
}
