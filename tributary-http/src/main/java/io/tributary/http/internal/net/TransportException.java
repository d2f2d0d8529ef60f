package io.tributary.http.internal.net;

import java.io.IOException;

/** Why an exchange did not produce a complete response. The kind decides retry or failure. */
public final class TransportException extends IOException {

  /** What went wrong. */
  public enum Kind {
    /** Connect, header or total deadline passed: retriable. */
    TIMEOUT(true),
    /** Connection refused, reset or closed early (truncated body): retriable. */
    NETWORK(true),
    /** A size cap was exceeded: permanent. */
    TOO_LARGE(false),
    /** The address is refused by the SSRF guard: permanent. */
    BLOCKED(false),
    /** Too many or unsafe redirects: permanent. */
    REDIRECT(false),
    /** No recorded exchange matches in replay mode: permanent. */
    NOT_RECORDED(false);

    private final boolean retriable;

    Kind(boolean retriable) {
      this.retriable = retriable;
    }

    public boolean retriable() {
      return retriable;
    }
  }

  private final Kind kind;

  public TransportException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public TransportException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
