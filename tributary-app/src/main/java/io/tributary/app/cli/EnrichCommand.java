package io.tributary.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.app.ExitCodes;
import io.tributary.enrich.Enrichers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary enrich < in.jsonl > out.jsonl}. */
@Command(
    name = "enrich",
    description =
        "Enrich JSON lines from stdin and write them to stdout with added fields (sentiment,"
            + " language, entities, keywords), the same names stored rows use. Lines that are not"
            + " JSON objects are reported on stderr with their line number and skipped.")
public final class EnrichCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--with",
      split = ",",
      defaultValue = "sentiment,language,entities,keywords",
      description = "Enrichers to apply (default: ${DEFAULT-VALUE}).")
  List<String> with;

  @Option(
      names = "--field",
      defaultValue = "text",
      description = "The text field (default: ${DEFAULT-VALUE}).")
  String field;

  @Override
  public Integer call() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Enrichers enrichers = Enrichers.create(with);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int bad = 0;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      long n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = json.readTree(line);
        } catch (Exception e) {
          err.printf("line %d: not JSON, skipped%n", n);
          bad++;
          continue;
        }
        if (!(node instanceof ObjectNode obj)) {
          err.printf("line %d: not a JSON object, skipped%n", n);
          bad++;
          continue;
        }
        JsonNode text = obj.get(field);
        if (text != null && text.isTextual()) {
          Map<String, Object> added = enrichers.enrich(text.asText());
          added.forEach((k, v) -> obj.set(k, json.valueToTree(v)));
        }
        out.println(json.writeValueAsString(obj));
      }
    }
    out.flush();
    err.flush();
    return bad == 0 ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }
}
