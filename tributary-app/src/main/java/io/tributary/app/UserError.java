package io.tributary.app;

/** An error the user can fix, with the exit code it maps to. Its message is shown as is. */
public final class UserError extends RuntimeException {
  private final int exitCode;

  public UserError(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
