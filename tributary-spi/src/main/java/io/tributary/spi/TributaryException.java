package io.tributary.spi;

/**
 * Root of Tributary's errors. The subtype decides what the engine does:
 *
 * <ul>
 *   <li>{@link ConfigException}: stop before reading; the user must fix the configuration;
 *   <li>{@link RetriableException}: transient; back off and try again;
 *   <li>{@link PermanentException}: fail this stream; other streams continue;
 *   <li>{@link RecordException}: quarantine this one record and carry on.
 * </ul>
 *
 * <p>Messages are for users and say what to do. They never contain a secret or a whole record.
 */
public abstract class TributaryException extends RuntimeException {
  protected TributaryException(String message) {
    super(message);
  }

  protected TributaryException(String message, Throwable cause) {
    super(message, cause);
  }
}
