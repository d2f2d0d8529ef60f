package io.tributary.enrich.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Labelled texts in the test resources, for the measurement mains and accuracy tests. */
public final class EvalData {
  private EvalData() {}

  /** A UCI review sentence with its label, positive or negative. */
  public record Labelled(String text, String label) {}

  /** The UCI "Sentiment Labelled Sentences" set {@code amazon}, {@code imdb} or {@code yelp}. */
  public static List<Labelled> uci(String set) {
    ObjectMapper json = new ObjectMapper();
    List<Labelled> out = new ArrayList<>();
    try (InputStream in =
        EvalData.class.getResourceAsStream("/eval/sentiment-uci/" + set + ".json")) {
      for (JsonNode n : json.readTree(in)) {
        String text = n.path("text").asText("").strip();
        if (!text.isEmpty() && n.has("class")) {
          out.add(new Labelled(text, n.get("class").asInt() == 1 ? "positive" : "negative"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The UCI sentences as Evaluator input: JSON Lines with text and label. */
  public static String uciJsonl(String set) {
    ObjectMapper json = new ObjectMapper();
    StringBuilder sb = new StringBuilder();
    for (Labelled l : uci(set)) {
      sb.append(json.createObjectNode().put("text", l.text()).put("label", l.label())).append('\n');
    }
    return sb.toString();
  }

  /** Texts of the labelled language set (real fixture texts: titles, tweets, posts, summaries). */
  public static List<String> fixtureTexts() {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    try (InputStream in =
        EvalData.class.getResourceAsStream("/eval/language/fixture-texts.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(json.readTree(line).get("text").asText());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
