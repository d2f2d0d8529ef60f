package io.tributary.processors.validate;

import io.tributary.spi.ProcessResult;
import io.tributary.spi.Processor;
import io.tributary.spi.Record;
import java.util.List;
import java.util.Optional;

/**
 * Checks the schema first, then each rule in order; the first failure rejects the record. Immutable
 * and thread-safe.
 */
final class ValidateProcessor implements Processor {
  private final Optional<SchemaCheck> schema;
  private final Rule[] rules;

  ValidateProcessor(Optional<SchemaCheck> schema, List<Rule> rules) {
    this.schema = schema;
    this.rules = rules.toArray(Rule[]::new);
  }

  @Override
  public ProcessResult process(Record record) {
    if (schema.isPresent()) {
      ProcessResult.Reject r = schema.get().check(record.data());
      if (r != null) {
        return r;
      }
    }
    for (Rule rule : rules) {
      ProcessResult.Reject r = rule.check(record.data());
      if (r != null) {
        return r;
      }
    }
    return ProcessResult.pass(record);
  }
}
