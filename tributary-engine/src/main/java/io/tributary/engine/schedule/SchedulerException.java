package io.tributary.engine.schedule;

/**
 * A request to the scheduler that cannot be honoured; {@link #reason()} tells callers (such as the
 * REST API) which kind of answer to give. Messages say what to do.
 */
public final class SchedulerException extends RuntimeException {
  /** Why the request was refused. */
  public enum Reason {
    /** No valid pipeline has that name. */
    UNKNOWN_PIPELINE,
    /** No queued or running run has that id. */
    UNKNOWN_RUN,
    /** The pipeline already has a queued or running run. */
    ALREADY_ACTIVE,
    /** The scheduler is shutting down. */
    SHUTTING_DOWN
  }

  private final Reason reason;

  public SchedulerException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
