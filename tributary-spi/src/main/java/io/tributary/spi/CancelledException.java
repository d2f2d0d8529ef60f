package io.tributary.spi;

/**
 * Thrown by the engine into a connector's read when the run is cancelled (Ctrl-C, API, shutdown).
 */
public final class CancelledException extends TributaryException {
  public CancelledException(String message) {
    super(message);
  }
}
