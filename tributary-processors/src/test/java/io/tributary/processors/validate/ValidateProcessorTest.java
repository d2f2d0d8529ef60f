package io.tributary.processors.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ProcessResult;
import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigProblem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateProcessorTest {
  @TempDir Path dir;

  private Processor processor(Object... keysAndValues) {
    Map<String, Object> raw = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      raw.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new ValidateProcessorProvider()
        .create(
            Config.of(new ValidateProcessorProvider().spec(), raw),
            new ProcessorContext(
                "demo",
                StreamSpec.of("posts", List.of("id")),
                dir,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
  }

  private static Record record(Object... keysAndValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      data.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Record.of("posts", data, "posts.jsonl:1");
  }

  private static Map<String, Object> rule(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static ProcessResult.Reject rejected(ProcessResult r) {
    assertThat(r).isInstanceOf(ProcessResult.Reject.class);
    return (ProcessResult.Reject) r;
  }

  @Test
  void providerIsFoundByServiceLoader() {
    assertThat(ServiceLoader.load(ProcessorProvider.class).stream().map(p -> p.get().name()))
        .contains("validate", "dedup");
  }

  @Test
  void validRecordPassesUnchanged() {
    Processor p = processor("rules", List.of(rule("field", "id", "rule", "not_null")));
    Record r = record("id", 1L);

    assertThat(p.process(r)).isEqualTo(ProcessResult.pass(r));
  }

  @Test
  void notNullRejectsAbsentAndNullValues() {
    Processor p = processor("rules", List.of(rule("field", "id", "rule", "not_null")));

    assertThat(p.process(record("other", 1L)))
        .isEqualTo(ProcessResult.reject("not_null", "/id", "id is missing"));
    assertThat(p.process(record("id", null)))
        .isEqualTo(ProcessResult.reject("not_null", "/id", "id is null"));
  }

  @Test
  void notEmptyRejectsEmptyTextListsAndObjects() {
    Processor p = processor("rules", List.of(rule("field", "v", "rule", "not_empty")));

    assertThat(rejected(p.process(record("v", ""))).reason()).isEqualTo("v is empty");
    assertThat(rejected(p.process(record("v", " \t"))).reason()).isEqualTo("v is only white space");
    assertThat(rejected(p.process(record("v", List.of()))).reason())
        .isEqualTo("v is an empty list");
    assertThat(rejected(p.process(record("v", Map.of()))).reason())
        .isEqualTo("v is an empty object");
    assertThat(rejected(p.process(record())).reason()).isEqualTo("v is missing");
    assertThat(p.process(record("v", 0L))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("v", "x"))).isInstanceOf(ProcessResult.Pass.class);
  }

  @Test
  void notInFutureReadsEpochSecondsMillisAndIsoTextWithATolerance() {
    // the test clock stands at the epoch; the tolerance is 90 seconds
    Processor p =
        processor(
            "rules",
            List.of(rule("field", "created", "rule", "not_in_future", "tolerance", "90s")));

    assertThat(p.process(record("created", 90L))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("created", -5.5))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(rejected(p.process(record("created", 91.0))).reason())
        .isEqualTo(
            "created is 91.0 (1970-01-01T00:01:31Z), later than now (1970-01-01T00:00:00Z) by"
                + " more than PT1M30S");
    // above 10^11 a number is taken as milliseconds: 200,000,000,000 ms is in 1976
    assertThat(rejected(p.process(record("created", 200_000_000_000L))).reason())
        .contains("(1976-05-03T19:33:20Z)");
    assertThat(p.process(record("created", "1970-01-01T00:01:00Z")))
        .isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("created", "1970-01-01T02:00:00+02:00")))
        .isInstanceOf(ProcessResult.Pass.class);
    assertThat(rejected(p.process(record("created", "1970-01-02"))).rule())
        .isEqualTo("not_in_future");
    assertThat(rejected(p.process(record("created", "yesterday"))).reason())
        .isEqualTo("created is 'yesterday', text, not a time (epoch seconds or ISO-8601)");
    assertThat(p.process(record("created", null))).isInstanceOf(ProcessResult.Pass.class);
  }

  @Test
  void whenLimitsARuleToRecordsWithTheGivenValuesForPerParameterRanges() {
    Processor p =
        processor(
            "rules",
            List.of(
                rule(
                    "field",
                    "value",
                    "rule",
                    "range",
                    "min",
                    0,
                    "max",
                    1000,
                    "when",
                    Map.of("parameter", List.of("pm25", "pm10"))),
                rule(
                    "field",
                    "value",
                    "rule",
                    "range",
                    "min",
                    -50,
                    "max",
                    60,
                    "when",
                    Map.of("parameter", "temperature"))));

    assertThat(p.process(record("parameter", "pm25", "value", 999.5)))
        .isInstanceOf(ProcessResult.Pass.class);
    assertThat(rejected(p.process(record("parameter", "pm10", "value", -1L))).reason())
        .isEqualTo("value is -1, below the minimum 0");
    assertThat(rejected(p.process(record("parameter", "temperature", "value", 75L))).reason())
        .isEqualTo("value is 75, above the maximum 60");
    // 75 is a fine pm25 value, and -20 a fine temperature: each range checks only its parameter
    assertThat(p.process(record("parameter", "pm25", "value", 75L)))
        .isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("parameter", "temperature", "value", -20L)))
        .isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("parameter", "no2", "value", 5000L)))
        .isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("value", 5000L))).isInstanceOf(ProcessResult.Pass.class);
  }

  @Test
  void aWhenThatIsNotAMappingIsAConfigError() {
    assertThatThrownBy(
            () ->
                processor(
                    "rules", List.of(rule("field", "value", "rule", "not_null", "when", "pm25"))))
        .hasMessageContaining("rules[0].when")
        .hasMessageContaining("'when' must map fields to the value");
  }

  @Test
  void notInFutureRefusesAToleranceItCannotRead() {
    assertThatThrownBy(
            () ->
                processor(
                    "rules",
                    List.of(
                        rule("field", "created", "rule", "not_in_future", "tolerance", "soon"))))
        .hasMessageContaining("rules[0].tolerance")
        .hasMessageContaining("must be a duration like 30s, 5m, 2h or 1d");
  }

  @Test
  void rangeIsInclusiveAndExplainsWhichBoundFailed() {
    Processor p =
        processor("rules", List.of(rule("field", "score", "rule", "range", "min", 0, "max", 10.5)));

    assertThat(p.process(record("score", -3L)))
        .isEqualTo(ProcessResult.reject("range", "/score", "score is -3, below the minimum 0"));
    assertThat(rejected(p.process(record("score", 11L))).reason())
        .isEqualTo("score is 11, above the maximum 10.5");
    assertThat(
            rejected(p.process(record("score", new BigDecimal("10.50000000000000001")))).reason())
        .isEqualTo("score is 10.50000000000000001, above the maximum 10.5");
    assertThat(rejected(p.process(record("score", "abc"))).reason())
        .isEqualTo("score is 'abc', text, not a number");
    assertThat(p.process(record("score", 0L))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("score", 10.5))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("score", BigInteger.TEN))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("score", null))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record())).isInstanceOf(ProcessResult.Pass.class);
  }

  @Test
  void regexMatchesTheWholeValueUnlessTheAuthorAnchoredIt() {
    Processor whole =
        processor("rules", List.of(rule("field", "lang", "rule", "regex", "pattern", "[a-z]{2}")));
    Processor prefix =
        processor("rules", List.of(rule("field", "url", "rule", "regex", "pattern", "^https://")));

    assertThat(whole.process(record("lang", "en"))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(whole.process(record("lang", "eng")))
        .isEqualTo(
            ProcessResult.reject(
                "regex", "/lang", "lang is 'eng', which does not match the pattern [a-z]{2}"));
    assertThat(prefix.process(record("url", "https://example.org/x")))
        .isInstanceOf(ProcessResult.Pass.class);
    assertThat(prefix.process(record("url", "http://example.org")))
        .isInstanceOf(ProcessResult.Reject.class);
    assertThat(rejected(whole.process(record("lang", List.of("en")))).reason())
        .isEqualTo("lang is a list, not text");
  }

  @Test
  void allowedComparesNumbersByValue() {
    Processor p =
        processor(
            "rules",
            List.of(
                rule(
                    "field", "status", "rule", "allowed", "values", List.of("open", "closed", 1))));

    assertThat(p.process(record("status", "open"))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("status", 1.0))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("status", "archived")))
        .isEqualTo(
            ProcessResult.reject(
                "allowed", "/status", "status is 'archived', not one of: 'open', 'closed', 1"));
  }

  @Test
  void fieldStartingWithSlashIsAJsonPointerIntoNestedValues() {
    Processor p =
        processor("rules", List.of(rule("field", "/data/scores/1", "rule", "range", "min", 0)));

    assertThat(p.process(record("data", Map.of("scores", List.of(5L, -1L)))))
        .isEqualTo(
            ProcessResult.reject(
                "range", "/data/scores/1", "data/scores/1 is -1, below the minimum 0"));
    assertThat(p.process(record("data", Map.of("scores", List.of(5L, 1L)))))
        .isInstanceOf(ProcessResult.Pass.class);
  }

  @Test
  void reasonNamesTheValueButNeverTheWholeRecord() {
    Processor p =
        processor("rules", List.of(rule("field", "body", "rule", "regex", "pattern", "x")));
    String body = "secret-ish text ".repeat(500);

    String reason = rejected(p.process(record("id", 1L, "body", body))).reason();

    assertThat(reason).hasSizeLessThan(200).startsWith("body is 'secret-ish text secret-ish");
    assertThat(reason).doesNotContain(body);
  }

  private static final Map<String, Object> SCHEMA =
      Map.of(
          "type", "object",
          "required", List.of("id", "title"),
          "properties",
              Map.of(
                  "id", Map.of("type", "integer", "minimum", 1),
                  "title", Map.of("type", "string", "minLength", 1),
                  "created_at", Map.of("type", "string", "format", "date-time"),
                  "tags", Map.of("type", "array", "items", Map.of("type", "string"))));

  @Test
  void inlineSchemaRejectsWithTheFirstFailingPointerAndMessage() {
    Processor p = processor("schema", SCHEMA);

    assertThat(p.process(record("id", 5L, "title", "ok", "created_at", "2025-01-01T00:00:00Z")))
        .isInstanceOf(ProcessResult.Pass.class);
    assertThat(p.process(record("id", "5", "title", "ok")))
        .isEqualTo(ProcessResult.reject("schema", "/id", "id: string found, integer expected"));
    assertThat(p.process(record("id", 5L)))
        .isEqualTo(
            ProcessResult.reject(
                "schema", "/title", "record: required property 'title' not found"));
    ProcessResult.Reject badDate =
        rejected(p.process(record("id", 5L, "title", "t", "created_at", "yesterday")));
    assertThat(badDate.field()).isEqualTo("/created_at");
    assertThat(badDate.reason()).startsWith("created_at: does not match the date-time pattern");
    ProcessResult.Reject item =
        rejected(p.process(record("id", 5L, "title", "t", "tags", List.of("a", 2L))));
    assertThat(item.field()).isEqualTo("/tags/1");
    ProcessResult.Reject several = rejected(p.process(record("id", 0L, "title", "")));
    assertThat(several.reason()).endsWith("(and 1 more schema violation)");
  }

  @Test
  void schemaFileIsResolvedAgainstTheBaseDirectoryAndCheckedBeforeRules() throws Exception {
    Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(
        dir.resolve("schemas/post.json"),
        "{\"type\": \"object\", \"properties\": {\"score\": {\"type\": \"integer\"}}}");
    Processor p =
        processor(
            "schema",
            "schemas/post.json",
            "rules",
            List.of(rule("field", "score", "rule", "range", "min", 0)));

    assertThat(rejected(p.process(record("score", "x"))).rule()).isEqualTo("schema");
    assertThat(rejected(p.process(record("score", -1L))).rule()).isEqualTo("range");
    assertThat(p.process(record("score", 1L))).isInstanceOf(ProcessResult.Pass.class);
  }

  @Test
  void schemaKeywordsBeyondTheCommonOnesWork() {
    Processor p =
        processor(
            "schema",
            Map.of(
                "$defs", Map.of("pos", Map.of("type", "integer", "exclusiveMinimum", 0)),
                "type", "object",
                "properties",
                    Map.of(
                        "n", Map.of("$ref", "#/$defs/pos"),
                        "v",
                            Map.of(
                                "oneOf",
                                List.of(Map.of("type", "string"), Map.of("type", "null"))))));

    assertThat(p.process(record("n", 3L, "v", null))).isInstanceOf(ProcessResult.Pass.class);
    assertThat(rejected(p.process(record("n", 0L))).field()).isEqualTo("/n");
    assertThat(rejected(p.process(record("n", 1L, "v", 2L))).field()).isEqualTo("/v");
  }

  @Test
  void everyConfigurationProblemIsReportedWithItsPath() {
    List<Object> rules =
        List.of(
            rule("field", "a", "rule", "not_nul"),
            rule("field", "b", "rule", "range", "min", 5, "max", 1),
            rule("field", "c", "rule", "regex", "pattern", "([a-z"),
            rule("field", "d", "rule", "range", "mn", 0),
            rule("rule", "allowed", "values", List.of()),
            "not a mapping");

    assertThatThrownBy(() -> processor("schema", Map.of("type", "strng"), "rules", rules))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .extracting(ConfigProblem::path)
                    .containsExactly(
                        "schema.type",
                        "rules[0].rule",
                        "rules[1].min",
                        "rules[2].pattern",
                        "rules[3].mn",
                        "rules[3]",
                        "rules[4].field",
                        "rules[4].values",
                        "rules[5]"))
        .hasMessageContaining("rules[1].min: 'min' (5) must not be greater than 'max' (1)")
        .hasMessageContaining(
            "rules[2].pattern: invalid regular expression: Unclosed character class")
        .hasMessageContaining(
            "rules[0].rule: unknown rule; expected one of not_null, not_empty, range, regex, allowed, not_in_future (was: not_nul)");
  }

  @Test
  void missingSchemaFileIsAConfigErrorNamingThePath() {
    assertThatThrownBy(() -> processor("schema", "schemas/none.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "schema file " + dir.resolve("schemas/none.json") + " does not exist");
  }

  @Test
  void aStepWithNeitherSchemaNorRulesIsAConfigError() {
    assertThatThrownBy(() -> processor())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("give 'schema' or 'rules'");
  }

  @Test
  void concurrentCallsGiveTheSameAnswersAsSequentialOnes() {
    Processor p =
        processor(
            "schema",
            SCHEMA,
            "rules",
            List.of(rule("field", "title", "rule", "regex", "pattern", "t[0-9]+")));
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      records.add(record("id", (long) (i % 7), "title", i % 5 == 0 ? "x" + i : "t" + i));
    }
    long expectedRejects =
        records.stream().filter(r -> p.process(r) instanceof ProcessResult.Reject).count();
    AtomicInteger rejects = new AtomicInteger();

    IntStream.range(0, records.size())
        .parallel()
        .forEach(
            i -> {
              if (p.process(records.get(i)) instanceof ProcessResult.Reject) {
                rejects.incrementAndGet();
              }
            });

    // id 0 (1 in 7) fails the schema's minimum, titles "x…" (1 in 5) fail the regex
    long independent =
        IntStream.range(0, records.size()).filter(i -> i % 7 == 0 || i % 5 == 0).count();
    assertThat(expectedRejects).isEqualTo(independent);
    assertThat(rejects.get()).isEqualTo(independent);
  }
}
