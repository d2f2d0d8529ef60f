package io.tributary.enrich.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ProcessResult;
import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnrichProcessorTest {

  private static final Map<String, ProcessorProvider> PROVIDERS = new HashMap<>();
  private static List<Map<String, Object>> redditPosts;

  @BeforeAll
  static void discover() throws Exception {
    for (ProcessorProvider p : ServiceLoader.load(ProcessorProvider.class)) {
      PROVIDERS.put(p.name(), p);
    }
    try (InputStream in =
        EnrichProcessorTest.class.getResourceAsStream(
            "/fixtures/reddit/r_askreddit_new_limit100.json")) {
      Map<String, Object> listing = new ObjectMapper().readValue(in, new TypeReference<>() {});
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> children =
          (List<Map<String, Object>>) ((Map<String, Object>) listing.get("data")).get("children");
      redditPosts = new ArrayList<>();
      for (Map<String, Object> child : children) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) child.get("data");
        redditPosts.add(data);
      }
    }
  }

  private static Processor create(String name, Map<String, Object> raw) {
    ProcessorProvider p = PROVIDERS.get(name);
    Config config = Config.of(p.spec(), raw);
    StreamSpec stream = null;
    return p.create(config, new ProcessorContext("test", stream, Path.of("."), Clock.systemUTC()));
  }

  private static Map<String, Object> passed(ProcessResult r) {
    assertThat(r).isInstanceOf(ProcessResult.Pass.class);
    return ((ProcessResult.Pass) r).record().data();
  }

  private static Record record(Map<String, Object> data) {
    return Record.of("posts", data, "test:1");
  }

  @Test
  void allFourAreFoundByServiceLoader() {
    assertThat(PROVIDERS).containsKeys("sentiment", "language", "entities", "keywords");
    for (String name : List.of("sentiment", "language", "entities", "keywords")) {
      ProcessorProvider p = PROVIDERS.get(name);
      assertThat(p.description()).isNotBlank();
      assertThat(p.spec().names()).contains("field", "target", "cache_size");
    }
  }

  @Test
  void addsEachResultInTheDocumentedShape() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", 7L);
    data.put("text", "Great news for $DOGE holders!!! 🚀 https://example.com/moon via @elon");
    Record in = record(data);

    Map<String, Object> s = passed(create("sentiment", Map.of()).process(in));
    assertThat(s).containsKeys("id", "text", "sentiment");
    @SuppressWarnings("unchecked")
    Map<String, Object> sentiment = (Map<String, Object>) s.get("sentiment");
    assertThat(sentiment).containsOnlyKeys("neg", "neu", "pos", "compound", "label");
    assertThat(sentiment.get("label")).isEqualTo("positive");

    @SuppressWarnings("unchecked")
    Map<String, Object> language =
        (Map<String, Object>) passed(create("language", Map.of()).process(in)).get("language");
    assertThat(language).containsOnlyKeys("code", "confidence");
    assertThat(language.get("code")).isEqualTo("en");

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entities =
        (List<Map<String, Object>>)
            passed(create("entities", Map.of()).process(in)).get("entities");
    assertThat(entities)
        .extracting(e -> e.get("type") + ":" + e.get("text"))
        .containsExactly("cashtag:$DOGE", "url:https://example.com/moon", "mention:@elon");
    assertThat(entities.get(0)).containsOnlyKeys("text", "type", "start", "end");

    @SuppressWarnings("unchecked")
    List<String> keywords =
        (List<String>) passed(create("keywords", Map.of()).process(in)).get("keywords");
    assertThat(keywords).contains("great news");

    // the input record is not changed
    assertThat(in.data()).containsOnlyKeys("id", "text");
  }

  @Test
  void joinsSeveralFieldsAndWritesToTheConfiguredTarget() {
    Processor p =
        create("sentiment", Map.of("field", List.of("title", "selftext"), "target", "mood"));
    Map<String, Object> out =
        passed(p.process(record(Map.of("title", "Worst day ever", "selftext", "I hate this"))));
    assertThat(out).containsKey("mood").doesNotContainKey("sentiment");
    @SuppressWarnings("unchecked")
    Map<String, Object> mood = (Map<String, Object>) out.get("mood");
    assertThat(mood.get("label")).isEqualTo("negative");
    // only one of the fields present still works
    assertThat(passed(p.process(record(Map.of("title", "I love it"))))).containsKey("mood");
  }

  @Test
  void recordWithoutTheFieldPassesUnchanged() {
    Record in = record(Map.of("other", "I love it"));
    ProcessResult r = create("sentiment", Map.of()).process(in);
    assertThat(r).isEqualTo(ProcessResult.pass(in));
  }

  @Test
  void nonTextFieldIsRejectedWithAReason() {
    ProcessResult r =
        create("language", Map.of()).process(record(Map.of("text", Map.of("nested", "x"))));
    assertThat(r).isInstanceOf(ProcessResult.Reject.class);
    ProcessResult.Reject reject = (ProcessResult.Reject) r;
    assertThat(reject.rule()).isEqualTo("enrich_text");
    assertThat(reject.field()).isEqualTo("/text");
    assertThat(reject.reason()).contains("'text' must be text").contains("JSON object");
  }

  @Test
  void numbersAndListsOfStringsCountAsText() {
    Processor p = create("entities", Map.of());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entities =
        (List<Map<String, Object>>)
            passed(p.process(record(Map.of("text", List.of("#one", "#two"))))).get("entities");
    assertThat(entities).extracting(e -> e.get("text")).containsExactly("#one", "#two");
  }

  @Test
  void invalidSettingsAreReportedTogether() {
    assertThatThrownBy(
            () -> create("keywords", Map.of("method", "lda", "max", 0L, "colour", "red")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(3));
    assertThatThrownBy(() -> create("entities", Map.of("types", List.of("url", "phone"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'types' must list only");
    assertThatThrownBy(() -> create("language", Map.of("languages", List.of("en", "xx"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown: xx");
  }

  @Test
  void entityTypesCanBeLimited() {
    Processor p = create("entities", Map.of("types", List.of("hashtag")));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entities =
        (List<Map<String, Object>>)
            passed(p.process(record(Map.of("text", "#tag @user $BTC")))).get("entities");
    assertThat(entities).extracting(e -> e.get("type")).containsExactly("hashtag");
  }

  @Test
  void repeatedTextsAreServedFromTheCache() {
    EnrichProcessor p = (EnrichProcessor) create("sentiment", Map.of());
    for (int i = 0; i < 10; i++) {
      p.process(record(Map.of("text", i % 2 == 0 ? "good" : "bad")));
    }
    assertThat(p.cacheStatistics().misses()).isEqualTo(2);
    assertThat(p.cacheStatistics().hits()).isEqualTo(8);
    assertThat(p.cacheStatistics().hitRate()).isEqualTo(0.8);
    EnrichProcessor uncached = (EnrichProcessor) create("sentiment", Map.of("cache_size", 0L));
    uncached.process(record(Map.of("text", "good")));
    assertThat(uncached.cacheStatistics().hits() + uncached.cacheStatistics().misses()).isZero();
  }

  @Test
  void tfIdfKeywordsLearnFromTheStream() {
    Processor p = create("keywords", Map.of("method", "tfidf", "max", 2L));
    for (int i = 0; i < 10; i++) {
      p.process(record(Map.of("text", "reddit question " + i)));
    }
    @SuppressWarnings("unchecked")
    List<String> top =
        (List<String>)
            passed(p.process(record(Map.of("text", "reddit question about volcanoes"))))
                .get("keywords");
    assertThat(top).containsExactly("volcanoes", "reddit");
  }

  /** Every real r/AskReddit post of the fixture, through all four processors from four threads. */
  @Test
  void enrichesRealRedditPostsConcurrently() throws Exception {
    List<Processor> chain =
        List.of(
            create("sentiment", Map.of("field", List.of("title", "selftext"))),
            create("language", Map.of("field", List.of("title", "selftext"))),
            create("entities", Map.of("field", List.of("title", "selftext"))),
            create("keywords", Map.of("field", List.of("title", "selftext"))));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Map<String, Object>>> futures = new ArrayList<>();
      for (Map<String, Object> post : redditPosts) {
        futures.add(
            pool.submit(
                () -> {
                  Record r = record(post);
                  for (Processor p : chain) {
                    r = ((ProcessResult.Pass) p.process(r)).record();
                  }
                  return r.data();
                }));
      }
      int english = 0;
      for (Future<Map<String, Object>> f : futures) {
        Map<String, Object> data = f.get();
        assertThat(data).containsKeys("sentiment", "language", "entities", "keywords");
        @SuppressWarnings("unchecked")
        Map<String, Object> lang = (Map<String, Object>) data.get("language");
        if ("en".equals(lang.get("code"))) {
          english++;
        }
        @SuppressWarnings("unchecked")
        double compound = (Double) ((Map<String, Object>) data.get("sentiment")).get("compound");
        assertThat(compound).isBetween(-1.0, 1.0);
      }
      assertThat(futures).hasSize(100);
      // r/AskReddit is an English community; allow a few one-word or odd titles
      assertThat(english).isGreaterThanOrEqualTo(95);
    } finally {
      pool.shutdown();
    }
  }
}
