package io.tributary.spi;

/** See {@link TributaryException} for what the engine does with this kind of error. */
public class PermanentException extends TributaryException {
  public PermanentException(String message) {
    super(message);
  }

  public PermanentException(String message, Throwable cause) {
    super(message, cause);
  }
}
