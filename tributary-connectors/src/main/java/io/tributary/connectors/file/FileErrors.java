package io.tributary.connectors.file;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Short, human reasons for I/O failures, without the path (callers name it themselves). */
final class FileErrors {
  private FileErrors() {}

  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied; make the file readable by the user running Tributary";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file (deleted while reading, or a link pointing nowhere)";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
