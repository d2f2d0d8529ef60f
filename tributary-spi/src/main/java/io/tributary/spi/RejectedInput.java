package io.tributary.spi;

/**
 * Input a connector could not turn into a record (a malformed JSON line, a CSV row with the wrong
 * number of cells). It goes to the quarantine with its reason; the read continues.
 *
 * @param stream the stream being read
 * @param payload the raw input as text (the engine caps its size before storing it)
 * @param origin where it was found, e.g. {@code posts.jsonl:17}
 * @param reason what is wrong, for a human
 */
public record RejectedInput(String stream, String payload, String origin, String reason) {}
