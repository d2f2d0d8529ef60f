package io.tributary.app.cli;

import io.tributary.app.ExitCodes;
import io.tributary.app.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary init [DIR]}: scaffolds a project. */
@Command(
    name = "init",
    description =
        "Create a project: an example pipeline, sample data, .env.example, .gitignore and a"
            + " connectors/ folder for your own HTTP manifests. Never overwrites a file.")
public final class InitCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Where (default: .).")
  Path dir = Path.of(".");

  @Override
  public Integer call() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "pipelines/example.yaml",
        """
        # A pipeline: read records, check them, store them. Run it with:
        #   tributary run pipelines/example.yaml
        # Reference: https://github.com/tributary-data/tributary/blob/main/docs/pipeline.md
        name: example
        source:
          connector: file
          config:
            path: ../data/*.jsonl          # relative to this file
            format: jsonl
            stream: notes
            primary_key: [id]
        process:
          - type: validate
            rules:
              - {field: id, rule: not_null}
              - {field: text, rule: not_empty}
          - type: dedup
        """);
    files.put(
        "data/sample.jsonl",
        """
        {"id": 1, "text": "Tributary stores this line", "lang": "en"}
        {"id": 2, "text": "and this one", "lang": "en"}
        {"id": 2, "text": "and this one", "lang": "en"}
        {"id": 3, "text": "", "lang": "en"}
        {"id": 4, "text": "this line is broken"
        """);
    files.put(
        ".env.example",
        """
        # Copy to .env and fill in; pipelines read these as ${NAME} or ${NAME:-default}.
        # .env is git-ignored: never commit secrets.
        # REDDIT_CLIENT_ID=
        # REDDIT_CLIENT_SECRET=
        # GITHUB_TOKEN=
        """);
    files.put(".gitignore", "tributary-data/\n.env\n*.duckdb\n*.duckdb.wal\n");
    files.put(
        "connectors/README.md",
        """
        Put your own declarative HTTP connector manifests here (one YAML file per API).
        `tributary connectors list` shows them next to the built-in ones.
        """);
    for (var e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      if (Files.exists(p)) {
        throw new UserError(p + " already exists; init never overwrites files", ExitCodes.USAGE);
      }
    }
    for (var e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
    var out = spec.commandLine().getOut();
    out.printf("created a Tributary project in %s%n", dir.toAbsolutePath().normalize());
    out.println("next: tributary run " + dir.resolve("pipelines/example.yaml"));
    out.flush();
    return ExitCodes.OK;
  }
}
