package io.tributary.enrich.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.enrich.Enrichers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores an enricher against a user's labelled file ({@code tributary eval sentiment|language
 * FILE}), so they can measure it on their own data.
 *
 * <p>The file is JSON Lines, one object a line with {@code text} and:
 *
 * <ul>
 *   <li>sentiment: {@code label} ({@code positive}, {@code negative}, {@code neutral}, also {@code
 *       pos}/{@code neg}/{@code neu} or the numbers 1/0/-1) and/or {@code score} (any number,
 *       correlated with the compound score);
 *   <li>language: {@code label}, an ISO 639-1 code.
 * </ul>
 *
 * <p>Lines that are not JSON, lack {@code text}, or have an unusable label are skipped and reported
 * with their line number; the rest are scored. Blank lines are ignored.
 *
 * <p>Lifecycle: the enricher is loaded per call and closed after it. Threading: each call is
 * independent; one instance may be shared.
 */
public final class Evaluator {

  /** What can be evaluated. */
  public enum Task {
    SENTIMENT,
    LANGUAGE;

    /** The task called {@code name} ({@code sentiment} or {@code language}). */
    public static Task of(String name) {
      for (Task t : values()) {
        if (t.name().equalsIgnoreCase(name.strip())) {
          return t;
        }
      }
      throw new IllegalArgumentException(
          "task must be one of sentiment, language (was: " + name + ")");
    }
  }

  private static final int MAX_PROBLEMS = 20;

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Map<String, Object>> settings;

  /** An evaluator using each enricher's default settings. */
  public Evaluator() {
    this(Map.of());
  }

  /** An evaluator using these enricher settings, as for {@link Enrichers#create(List, Map)}. */
  public Evaluator(Map<String, Map<String, Object>> settings) {
    this.settings = Map.copyOf(settings);
  }

  /** Evaluates {@code task} on the JSON Lines file {@code file} (UTF-8). */
  public EvaluationResult evaluate(Task task, Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return evaluate(task, r);
    }
  }

  /** Evaluates {@code task} on JSON Lines read from {@code input}. */
  public EvaluationResult evaluate(Task task, Reader input) throws IOException {
    String name = task.name().toLowerCase(Locale.ROOT);
    Map<String, Map<String, Object>> own =
        settings.containsKey(name) ? Map.of(name, settings.get(name)) : Map.of();
    try (Enrichers enrichers = Enrichers.create(List.of(name), own)) {
      return run(task, input, enrichers, name);
    }
  }

  private EvaluationResult run(Task task, Reader input, Enrichers enrichers, String name)
      throws IOException {
    List<String> problems = new ArrayList<>();
    long skipped = 0;
    long scored = 0;
    List<String[]> pairs = new ArrayList<>(); // gold, predicted
    List<double[]> scores = new ArrayList<>(); // gold score, compound
    long signRight = 0;
    boolean binary = true;
    BufferedReader in = input instanceof BufferedReader b ? b : new BufferedReader(input);
    String line;
    long lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String problem = null;
      JsonNode node = null;
      try {
        node = json.readTree(line);
      } catch (JsonProcessingException e) {
        problem = "not valid JSON (" + e.getOriginalMessage() + ")";
      }
      if (problem == null && (node == null || !node.isObject())) {
        problem = "must be a JSON object with 'text'";
      }
      if (problem == null && !node.path("text").isTextual()) {
        problem = "'text' must be a string";
      }
      String gold = null;
      Double goldScore = null;
      if (problem == null) {
        JsonNode label = node.get("label");
        JsonNode score = node.get("score");
        if (score != null && !score.isNull()) {
          if (task == Task.SENTIMENT && score.isNumber()) {
            goldScore = score.asDouble();
          } else if (task == Task.SENTIMENT) {
            problem = "'score' must be a number (was: " + score + ")";
          }
        }
        if (problem == null && label != null && !label.isNull()) {
          gold = task == Task.SENTIMENT ? sentimentLabel(label) : languageLabel(label);
          if (gold == null) {
            problem =
                task == Task.SENTIMENT
                    ? "'label' must be positive, negative or neutral (was: " + label + ")"
                    : "'label' must be an ISO 639-1 code such as en (was: " + label + ")";
          }
        }
        if (problem == null && gold == null && goldScore == null) {
          problem = task == Task.SENTIMENT ? "needs 'label' or 'score'" : "needs 'label'";
        }
      }
      if (problem != null) {
        skipped++;
        if (problems.size() < MAX_PROBLEMS) {
          problems.add("line " + lineNo + ": " + problem);
        }
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> result =
          (Map<String, Object>) enrichers.enrich(node.get("text").asText()).get(name);
      scored++;
      if (task == Task.SENTIMENT) {
        double compound = ((Number) result.get("compound")).doubleValue();
        if (gold != null) {
          pairs.add(new String[] {gold, (String) result.get("label")});
          if (gold.equals("neutral")) {
            binary = false;
          } else if ((compound >= 0) == gold.equals("positive")) {
            signRight++;
          }
        }
        if (goldScore != null) {
          scores.add(new double[] {goldScore, compound});
        }
      } else {
        pairs.add(new String[] {gold, (String) result.get("code")});
      }
    }
    return summarise(task, scored, skipped, problems, pairs, scores, binary, signRight);
  }

  private static EvaluationResult summarise(
      Task task,
      long scored,
      long skipped,
      List<String> problems,
      List<String[]> pairs,
      List<double[]> scores,
      boolean binary,
      long signRight) {
    Map<String, Map<String, Long>> confusion = new TreeMap<>();
    TreeSet<String> classes = new TreeSet<>();
    long correct = 0;
    for (String[] p : pairs) {
      confusion.computeIfAbsent(p[0], k -> new TreeMap<>()).merge(p[1], 1L, Long::sum);
      classes.add(p[0]);
      classes.add(p[1]);
      if (p[0].equals(p[1])) {
        correct++;
      }
    }
    Map<String, EvaluationResult.ClassMetrics> perClass = new TreeMap<>();
    double f1Sum = 0;
    int goldClasses = 0;
    for (String c : classes) {
      long tp = 0;
      long predicted = 0;
      long support = 0;
      for (String[] p : pairs) {
        boolean isGold = p[0].equals(c);
        boolean isPred = p[1].equals(c);
        if (isGold) {
          support++;
        }
        if (isPred) {
          predicted++;
        }
        if (isGold && isPred) {
          tp++;
        }
      }
      double precision = predicted == 0 ? 0 : tp / (double) predicted;
      double recall = support == 0 ? 0 : tp / (double) support;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      perClass.put(c, new EvaluationResult.ClassMetrics(precision, recall, f1, support));
      if (support > 0) {
        f1Sum += f1;
        goldClasses++;
      }
    }
    Double accuracy = pairs.isEmpty() ? null : correct / (double) pairs.size();
    Double binaryAccuracy =
        task == Task.SENTIMENT && binary && !pairs.isEmpty()
            ? signRight / (double) pairs.size()
            : null;
    Double macroF1 = goldClasses == 0 ? null : f1Sum / goldClasses;
    return new EvaluationResult(
        task,
        scored,
        skipped,
        List.copyOf(problems),
        accuracy,
        binaryAccuracy,
        pearson(scores),
        perClass,
        macroF1,
        confusion);
  }

  /** Pearson's r, or null for fewer than two points or no variance. */
  static Double pearson(List<double[]> xy) {
    int n = xy.size();
    if (n < 2) {
      return null;
    }
    double mx = 0;
    double my = 0;
    for (double[] p : xy) {
      mx += p[0];
      my += p[1];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] p : xy) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
      syy += (p[1] - my) * (p[1] - my);
    }
    if (sxx == 0 || syy == 0) {
      return null;
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  private static String sentimentLabel(JsonNode label) {
    if (label.isNumber()) {
      double v = label.asDouble();
      return v > 0 ? "positive" : v < 0 ? "negative" : "neutral";
    }
    if (!label.isTextual()) {
      return null;
    }
    return switch (label.asText().strip().toLowerCase(Locale.ROOT)) {
      case "positive", "pos", "1", "+1" -> "positive";
      case "negative", "neg", "-1" -> "negative";
      case "neutral", "neu", "0" -> "neutral";
      default -> null;
    };
  }

  private static String languageLabel(JsonNode label) {
    if (!label.isTextual()) {
      return null;
    }
    String code = label.asText().strip().toLowerCase(Locale.ROOT);
    return code.matches("[a-z]{2}") ? code : null;
  }
}
