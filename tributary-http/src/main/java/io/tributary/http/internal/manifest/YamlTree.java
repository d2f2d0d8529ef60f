package io.tributary.http.internal.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.spi.ConfigException;
import io.tributary.spi.config.ConfigProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML text into a {@link Node} tree that keeps line and column of every value. */
public final class YamlTree {
  private static final YAMLFactory YAML = new YAMLFactory();

  private YamlTree() {}

  /**
   * Parses one YAML document.
   *
   * @param source the file name used in locations (e.g. {@code connectors/acme.yaml})
   * @throws ConfigException when the text is not valid YAML or repeats a key
   */
  public static Node parse(String source, String text) {
    List<ConfigProblem> problems = new ArrayList<>();
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new ConfigException(
            List.of(
                new ConfigProblem(
                    source + ":1:1",
                    "",
                    null,
                    "the manifest is empty; see docs/connectors/manifest.md")));
      }
      Node root = read(source, p, problems);
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String loc = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new ConfigException(
          List.of(new ConfigProblem(loc, "", null, "not valid YAML: " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw new ConfigException("cannot read " + source + ": " + e.getMessage());
    }
  }

  private static Node read(String source, JsonParser p, List<ConfigProblem> problems)
      throws IOException {
    String loc = where(source, p.currentTokenLocation());
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          String keyLoc = where(source, p.currentTokenLocation());
          p.nextToken();
          Node value = read(source, p, problems);
          if (entries.containsKey(key)) {
            problems.add(
                new ConfigProblem(
                    keyLoc, key, null, "key '" + key + "' is written twice; keep one of them"));
          }
          entries.put(key, value);
        }
        return new Node.MapNode(loc, entries);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(source, p, problems));
        }
        return new Node.ListNode(loc, items);
      }
      case VALUE_STRING -> {
        return new Node.ScalarNode(loc, p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return new Node.ScalarNode(
            loc,
            p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                ? p.getBigIntegerValue()
                : (Object) p.getLongValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Node.ScalarNode(loc, p.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return new Node.ScalarNode(loc, Boolean.TRUE);
      }
      case VALUE_FALSE -> {
        return new Node.ScalarNode(loc, Boolean.FALSE);
      }
      case VALUE_NULL -> {
        return new Node.ScalarNode(loc, null);
      }
      default -> throw new IOException("unexpected YAML token " + t + " at " + loc);
    }
  }

  private static String where(String source, JsonLocation l) {
    return source + ":" + l.getLineNr() + ":" + l.getColumnNr();
  }
}
