package io.tributary.spi;

/** See {@link TributaryException} for what the engine does with this kind of error. */
public class RetriableException extends TributaryException {
  public RetriableException(String message) {
    super(message);
  }

  public RetriableException(String message, Throwable cause) {
    super(message, cause);
  }
}
