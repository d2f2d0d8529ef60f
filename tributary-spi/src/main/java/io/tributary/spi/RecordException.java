package io.tributary.spi;

/**
 * One record is bad; it goes to the quarantine with {@link #rule()} and {@link #field()} and the
 * run continues.
 */
public class RecordException extends TributaryException {
  private final String rule;
  private final String field;

  public RecordException(String rule, String field, String message) {
    super(message);
    this.rule = rule;
    this.field = field;
  }

  public String rule() {
    return rule;
  }

  public String field() {
    return field;
  }
}
