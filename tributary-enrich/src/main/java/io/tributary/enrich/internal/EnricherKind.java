package io.tributary.enrich.internal;

import io.tributary.enrich.entities.Entity;
import io.tributary.enrich.entities.EntityExtractor;
import io.tributary.enrich.keywords.RakeKeywords;
import io.tributary.enrich.keywords.TfIdfKeywords;
import io.tributary.enrich.language.LanguageIdentifier;
import io.tributary.enrich.sentiment.VaderSentiment;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigProblem;
import io.tributary.spi.config.ConfigSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The four enrichers: their names, configuration and how to build one from a validated
 * configuration. The one place the processors and the {@code Enrichers} facade share.
 */
public enum EnricherKind {
  SENTIMENT("sentiment", "VADER sentiment: {neg, neu, pos, compound, label}"),
  LANGUAGE("language", "Language of the text: {code (ISO 639-1), confidence}"),
  ENTITIES(
      "entities",
      "Pattern entities (urls, e-mails, crypto addresses, mentions, hashtags, cashtags):"
          + " [{text, type, start, end}]"),
  KEYWORDS("keywords", "Key phrases by RAKE, or keywords by TF-IDF over the stream: [...]");

  /** Default size of each enricher's result cache. */
  public static final long DEFAULT_CACHE_SIZE = 10_000;

  private final String enricherName;
  private final String description;

  EnricherKind(String name, String description) {
    this.enricherName = name;
    this.description = description;
  }

  public String enricherName() {
    return enricherName;
  }

  public String description() {
    return description;
  }

  /** The kind called {@code name}, or an error listing the known names. */
  public static EnricherKind named(String name) {
    for (EnricherKind k : values()) {
      if (k.enricherName.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown enricher '" + name + "'; expected one of: " + String.join(", ", names()));
  }

  public static List<String> names() {
    return java.util.Arrays.stream(values()).map(EnricherKind::enricherName).toList();
  }

  /** The configuration one enrich step of this kind accepts. */
  public ConfigSpec spec() {
    List<ConfigField> fields = new ArrayList<>();
    fields.add(
        ConfigField.stringList("field")
            .defaultsTo("text")
            .describe(
                "The text field to analyse, or a list of fields whose texts are joined with a blank"
                    + " line (e.g. [title, selftext])")
            .example(List.of("title", "selftext")));
    fields.add(
        ConfigField.string("target")
            .defaultsTo(enricherName)
            .describe("The field the result is written to"));
    fields.add(
        ConfigField.integer("cache_size")
            .defaultsTo(DEFAULT_CACHE_SIZE)
            .atLeast(0)
            .describe("Results kept, by content hash of the text; 0 turns the cache off"));
    switch (this) {
      case SENTIMENT -> {}
      case LANGUAGE ->
          fields.add(
              ConfigField.stringList("languages")
                  .defaultsTo(LanguageIdentifier.DEFAULT_LANGUAGES)
                  .describe(
                      "ISO 639-1 codes the answer may be; 'all' for the model's 103 languages."
                          + " Fewer languages are more accurate on short texts"));
      case ENTITIES ->
          fields.add(
              ConfigField.stringList("types")
                  .defaultsTo(EntityExtractor.TYPES)
                  .describe("Entity types to keep: " + String.join(", ", EntityExtractor.TYPES)));
      case KEYWORDS -> {
        fields.add(
            ConfigField.string("method")
                .defaultsTo("rake")
                .oneOf("rake", "tfidf")
                .describe(
                    "rake: key phrases of each text alone; tfidf: words ranked against the"
                        + " stream's texts seen so far in this run"));
        fields.add(
            ConfigField.integer("max").defaultsTo(10L).atLeast(1).describe("Keywords per text"));
        fields.add(
            ConfigField.integer("max_words")
                .defaultsTo(3L)
                .atLeast(1)
                .describe("Longest RAKE phrase, in words"));
        fields.add(
            ConfigField.string("stopwords")
                .defaultsTo("en")
                .oneOf("en", "de")
                .describe("Stop-word list"));
        fields.add(
            ConfigField.integer("max_vocabulary")
                .defaultsTo(200_000L)
                .atLeast(1)
                .describe("TF-IDF: most distinct words counted per stream"));
      }
      default -> throw new IllegalStateException("unhandled enricher " + this);
    }
    return new ConfigSpec(description, fields, false);
  }

  /** Validates {@code raw} against {@link #spec()}. */
  public Config config(Map<String, Object> raw) {
    Config config = Config.of(spec(), raw == null ? Map.of() : raw);
    List<ConfigProblem> problems = new ArrayList<>();
    if (config.strings("field").isEmpty()) {
      problems.add(ConfigProblem.at("field", "[]", "'field' must name at least one field"));
    }
    if (this == ENTITIES) {
      for (String t : config.strings("types")) {
        if (!EntityExtractor.TYPES.contains(t)) {
          problems.add(
              ConfigProblem.at(
                  "types",
                  t,
                  "'types' must list only: " + String.join(", ", EntityExtractor.TYPES)));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  /** Builds the (uncached) enricher for a validated configuration. */
  public Enricher create(Config config, Models models) {
    return switch (this) {
      case SENTIMENT -> sentiment(models.vader());
      case LANGUAGE -> language(models, config.strings("languages"));
      case ENTITIES -> entities(Set.copyOf(config.strings("types")));
      case KEYWORDS -> keywords(config, models);
    };
  }

  private Enricher sentiment(VaderSentiment vader) {
    return new Enricher() {
      @Override
      public String name() {
        return enricherName;
      }

      @Override
      public Object analyse(String text) {
        return Collections.unmodifiableMap(vader.score(text).toMap());
      }
    };
  }

  private Enricher language(Models models, List<String> languages) {
    LanguageIdentifier identifier;
    try {
      identifier = models.languageIdentifier().restrictTo(languages);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          List.of(ConfigProblem.at("languages", String.join(", ", languages), e.getMessage())));
    }
    return new Enricher() {
      @Override
      public String name() {
        return enricherName;
      }

      @Override
      public Object analyse(String text) {
        return Collections.unmodifiableMap(identifier.detect(text).toMap());
      }
    };
  }

  private Enricher entities(Set<String> types) {
    EntityExtractor extractor = new EntityExtractor();
    boolean allTypes = types.containsAll(EntityExtractor.TYPES);
    return new Enricher() {
      @Override
      public String name() {
        return enricherName;
      }

      @Override
      public Object analyse(String text) {
        List<Object> out = new ArrayList<>();
        for (Entity e : extractor.extract(text)) {
          if (allTypes || types.contains(e.type())) {
            out.add(Collections.unmodifiableMap(e.toMap()));
          }
        }
        return Collections.unmodifiableList(out);
      }
    };
  }

  private Enricher keywords(Config config, Models models) {
    Set<String> stopwords = models.stopwords(config.string("stopwords").toLowerCase(Locale.ROOT));
    int max = (int) config.integer("max", 10);
    if ("tfidf".equals(config.string("method"))) {
      TfIdfKeywords tfidf =
          new TfIdfKeywords(stopwords, (int) config.integer("max_vocabulary", 200_000));
      return new Enricher() {
        @Override
        public String name() {
          return enricherName;
        }

        @Override
        public Object analyse(String text) {
          return tfidf.keywords(text, max);
        }

        @Override
        public boolean cacheable() {
          return false; // depends on the corpus seen so far
        }
      };
    }
    RakeKeywords rake = new RakeKeywords(stopwords, (int) config.integer("max_words", 3));
    return new Enricher() {
      @Override
      public String name() {
        return enricherName;
      }

      @Override
      public Object analyse(String text) {
        return rake.keywords(text, max);
      }
    };
  }

  /** Distinct kinds for {@code names}, in the given order; every unknown name is reported. */
  public static List<EnricherKind> parse(List<String> names) {
    Set<EnricherKind> kinds = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      String name = n.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      try {
        kinds.add(named(name));
      } catch (IllegalArgumentException e) {
        unknown.add(n);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown enricher(s) "
              + String.join(", ", unknown)
              + "; expected one or more of: "
              + String.join(", ", names()));
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException(
          "name at least one enricher: " + String.join(", ", names()));
    }
    return List.copyOf(kinds);
  }
}
