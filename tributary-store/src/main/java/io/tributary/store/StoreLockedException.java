package io.tributary.store;

import io.tributary.spi.TributaryException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The store's file is held by another process. Only one process may open an embedded store for
 * writing (and none may read it while one writes). The message names the file, the holder's PID
 * when the database reports it, and what to do.
 */
public class StoreLockedException extends TributaryException {
  private final transient Path file;
  private final OptionalLong holderPid;

  public StoreLockedException(Path file, OptionalLong holderPid, Throwable cause) {
    super(message(file, holderPid), cause);
    this.file = file;
    this.holderPid = holderPid;
  }

  /** The store file that is in use. */
  public Path file() {
    return file;
  }

  /** The PID of the process holding the file, if the database reported it. */
  public OptionalLong holderPid() {
    return holderPid;
  }

  private static String message(Path file, OptionalLong pid) {
    String holder =
        pid.isPresent() ? "another process (PID " + pid.getAsLong() + ")" : "another process";
    return "The store "
        + file
        + " is in use by "
        + holder
        + ". Only one process may write to it. Stop that process, or, if it is `tributary serve`,"
        + " run the pipeline in it: `tributary run FILE --server URL` (or POST"
        + " /api/pipelines/{name}/runs).";
  }
}
