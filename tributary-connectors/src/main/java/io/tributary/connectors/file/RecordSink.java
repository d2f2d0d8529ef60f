package io.tributary.connectors.file;

import java.util.Map;

/**
 * Receives what a format reader finds in one file, in file order.
 *
 * <p>Each call also says where a later read would resume after this input: the byte offset and
 * number of the next line (JSONL, CSV), or offset -1 and the index of the next record (JSON).
 */
interface RecordSink {

  /**
   * A parsed record.
   *
   * @return false to stop reading (enough records, or the run was cancelled)
   */
  boolean record(Map<String, Object> data, String origin, long nextOffset, long nextPosition);

  /**
   * Input that could not be turned into a record.
   *
   * @return false to stop reading
   */
  boolean reject(String payload, String origin, String reason, long nextOffset, long nextPosition);
}
