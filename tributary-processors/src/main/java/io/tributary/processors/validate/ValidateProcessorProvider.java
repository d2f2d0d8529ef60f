package io.tributary.processors.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigSpec;

/**
 * The {@code validate} processor: a JSON Schema and simple field rules; a failing record goes to
 * the quarantine with the rule, the field's JSON Pointer and a reason such as {@code score is -3,
 * below the minimum 0}.
 *
 * <pre>{@code
 * process:
 *   - type: validate
 *     schema: schemas/post.schema.json     # or an inline mapping
 *     rules:
 *       - {field: id, rule: not_null}
 *       - {field: title, rule: not_empty}
 *       - {field: score, rule: range, min: 0}
 *       - {field: lang, rule: regex, pattern: "[a-z]{2}"}
 *       - {field: status, rule: allowed, values: [open, closed]}
 * }</pre>
 *
 * <p>The schema is checked first (JSON Schema draft 2020-12 with {@code format} asserted), then the
 * rules in order; the first failure decides. A schema rejection has rule {@code schema}, the first
 * failing JSON Pointer as its field and the validator's message. Rules other than {@code not_null}
 * and {@code not_empty} let absent and null values pass. {@code regex} must match the whole value
 * unless the pattern starts with {@code ^} or ends with {@code $}, in which case it is searched
 * for. Every configuration problem (invalid schema, bad regex, min greater than max, unknown rule
 * or key) is reported at once with its path, e.g. {@code rules[2].pattern}.
 *
 * <p>Stateless and thread-safe; the processors it creates are immutable and thread-safe.
 */
public final class ValidateProcessorProvider implements ProcessorProvider {
  private final ObjectMapper mapper = new ObjectMapper();

  /** Needed by {@link java.util.ServiceLoader}. */
  public ValidateProcessorProvider() {}

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String description() {
    return "Checks records against a JSON Schema and field rules; failures go to the quarantine";
  }

  @Override
  public ConfigSpec spec() {
    return ValidateSettings.SPEC;
  }

  /**
   * @throws io.tributary.spi.ConfigException listing every problem of the configuration
   */
  @Override
  public Processor create(Config config, ProcessorContext context) {
    ValidateSettings.Parsed parsed =
        ValidateSettings.parse(config, context.baseDir(), mapper, context.clock());
    return new ValidateProcessor(parsed.schema(), parsed.rules());
  }
}
