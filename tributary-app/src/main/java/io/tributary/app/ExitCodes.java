package io.tributary.app;

/** The process exit codes, documented in the CLI reference. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int RUN_FAILED = 1;
  public static final int USAGE = 2;
  public static final int INTERNAL = 3;
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
