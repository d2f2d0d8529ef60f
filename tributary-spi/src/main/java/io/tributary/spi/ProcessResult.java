package io.tributary.spi;

/** What a {@link Processor} decided about one record. */
public sealed interface ProcessResult {

  /** The record goes on to the next processor, possibly changed. */
  record Pass(Record record) implements ProcessResult {}

  /**
   * The record is intentionally not stored; it is counted under {@code category} ({@link
   * #DUPLICATE} for duplicates, anything else as filtered).
   */
  record Drop(String category, String reason) implements ProcessResult {}

  /**
   * The record is bad and goes to the quarantine.
   *
   * @param rule the rule or check that failed, e.g. {@code not_null}
   * @param field the field path it concerns, e.g. {@code /score}, or {@code null}
   * @param reason a human explanation; must not contain the whole record
   */
  record Reject(String rule, String field, String reason) implements ProcessResult {}

  String DUPLICATE = "duplicate";
  String FILTERED = "filtered";

  static ProcessResult pass(Record record) {
    return new Pass(record);
  }

  static ProcessResult duplicate(String reason) {
    return new Drop(DUPLICATE, reason);
  }

  static ProcessResult filtered(String reason) {
    return new Drop(FILTERED, reason);
  }

  static ProcessResult reject(String rule, String field, String reason) {
    return new Reject(rule, field, reason);
  }
}
