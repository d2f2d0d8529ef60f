package io.tributary.enrich.processor;

import io.tributary.enrich.CacheStatistics;
import io.tributary.enrich.internal.CachedEnricher;
import io.tributary.spi.ProcessResult;
import io.tributary.spi.Processor;
import io.tributary.spi.Record;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one enricher on the text of each record and writes its result to the target field.
 *
 * <p>The text is the configured field, or the configured fields joined with a blank line; strings
 * are used as they are, numbers and booleans as their text, lists of those joined by line breaks. A
 * record with none of the fields (or only {@code null}s) passes unchanged. A field holding a JSON
 * object cannot be analysed: the record is rejected to the quarantine with rule {@code
 * enrich_text}.
 *
 * <p>Lifecycle: created by a provider per stream per run, with its model already loaded; {@link
 * #close()} only drops the cache. Threading: {@link #process} is safe to call concurrently.
 */
public final class EnrichProcessor implements Processor {
  private final CachedEnricher enricher;
  private final List<String> fields;
  private final String target;

  EnrichProcessor(CachedEnricher enricher, List<String> fields, String target) {
    this.enricher = enricher;
    this.fields = List.copyOf(fields);
    this.target = target;
  }

  @Override
  public ProcessResult process(Record record) {
    StringBuilder text = null;
    for (String field : fields) {
      Object value = record.get(field);
      if (value == null) {
        continue;
      }
      String part = asText(value);
      if (part == null) {
        return ProcessResult.reject(
            "enrich_text",
            "/" + field,
            "'"
                + field
                + "' must be text (a string, number or list of them) to run "
                + enricher.name()
                + " on, but was a "
                + kind(value)
                + "; point 'field' at a text field");
      }
      if (text == null) {
        text = new StringBuilder(part);
      } else {
        text.append("\n\n").append(part);
      }
    }
    if (text == null) {
      return ProcessResult.pass(record);
    }
    Object result = enricher.analyse(text.toString());
    Map<String, Object> data = new LinkedHashMap<>(record.data());
    data.put(target, result);
    return ProcessResult.pass(record.withData(Collections.unmodifiableMap(data)));
  }

  /** The enricher's result cache counters, e.g. for the hit rate. */
  public CacheStatistics cacheStatistics() {
    return enricher.statistics();
  }

  /** The output field. */
  public String target() {
    return target;
  }

  private static String asText(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder();
      for (Object o : list) {
        if (o == null) {
          continue;
        }
        if (!(o instanceof String || o instanceof Number || o instanceof Boolean)) {
          return null;
        }
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(o);
      }
      return sb.toString();
    }
    return null;
  }

  private static String kind(Object value) {
    if (value instanceof Map<?, ?>) {
      return "JSON object";
    }
    if (value instanceof List<?>) {
      return "list holding JSON objects";
    }
    return value.getClass().getSimpleName();
  }
}
