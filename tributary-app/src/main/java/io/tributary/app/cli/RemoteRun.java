package io.tributary.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.run.RunOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tributary run FILE --server URL}: the run happens in a running {@code tributary serve}
 * (which holds the store; DuckDB admits one writer). The pipeline file is checked here, the run is
 * triggered through the API, and its progress is polled until it ends; the result prints as a local
 * run's would, with the same exit codes.
 */
final class RemoteRun {
  private static final Set<String> ACTIVE = Set.of("queued", "running");

  private RemoteRun() {}

  static int run(
      picocli.CommandLine.Model.CommandSpec spec,
      Map<String, String> env,
      DataDirOption dataDir,
      Path file,
      ServerClient server,
      RunOptions options,
      boolean json) {
    PipelineConfig pipeline;
    try (AppContext ctx = dataDir.context(env)) {
      pipeline = ctx.loadPipeline(file); // the store is not opened: nothing here writes
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (options.window() != null) {
      if (options.window().from() != null) {
        body.put("from", options.window().from().toString());
      }
      if (options.window().to() != null) {
        body.put("to", options.window().to().toString());
      }
    }
    if (!options.streams().isEmpty()) {
      body.putPOJO("streams", options.streams());
    }
    if (options.fullRefresh()) {
      body.put("full_refresh", true);
    }
    JsonNode started =
        server.call("POST", "/api/pipelines/" + pipeline.name() + "/runs", body.toString());
    String id = started.path("queued_id").asText(started.path("id").asText());
    PrintWriter out = spec.commandLine().getOut();
    if (!json) {
      out.printf("run of pipeline %s queued on %s (%s)%n", pipeline.name(), server.base(), id);
      out.flush();
    }
    JsonNode run = started;
    while (ACTIVE.contains(run.path("status").asText())) {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        server.call("POST", "/api/runs/" + id + "/cancel", null);
        return ExitCodes.INTERRUPTED;
      }
      run = server.call("GET", "/api/runs/" + id, null);
    }
    Map<String, Object> result = localShape(run);
    if (json) {
      out.println(Json.write(result));
    } else {
      out.printf(
          "run %s of pipeline %s on %s: %s in %.1fs%n",
          result.get("run_id"),
          pipeline.name(),
          server.base(),
          run.path("status").asText(),
          run.path("duration_ms").asLong() / 1000.0);
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode s : run.path("streams")) {
        JsonNode c = s.path("counts");
        rows.add(
            List.of(
                s.path("stream").asText(),
                s.path("status").asText(),
                Tables.n(c.path("read").asLong()),
                Tables.n(c.path("written").asLong()),
                Tables.n(c.path("unchanged").asLong()),
                Tables.n(c.path("duplicates").asLong()),
                Tables.n(c.path("quarantined").asLong())));
      }
      Tables.print(
          out,
          List.of("stream", "status", "read", "written", "unchanged", "duplicates", "quarantined"),
          rows);
      if (!run.path("error").isNull() && !run.path("error").asText().isEmpty()) {
        out.printf("  %s%n", run.path("error").asText());
      }
    }
    out.flush();
    return switch (run.path("status").asText()) {
      case "succeeded" -> ExitCodes.OK;
      case "cancelled" -> ExitCodes.INTERRUPTED;
      default -> ExitCodes.RUN_FAILED;
    };
  }

  /** The server's run view in the shape {@code run --json} prints for a local run. */
  static Map<String, Object> localShape(JsonNode run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", run.path("id").asText());
    m.put("pipeline", run.path("pipeline").asText());
    m.put("status", run.path("status").asText());
    m.put("records", records(run.path("counts")));
    List<Map<String, Object>> streams = new ArrayList<>();
    for (JsonNode s : run.path("streams")) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("stream", s.path("stream").asText());
      sm.put("status", s.path("status").asText());
      sm.put("records", records(s.path("counts")));
      sm.put("error", s.path("error").isNull() ? null : s.path("error").asText());
      streams.add(sm);
    }
    m.put("streams", streams);
    m.put("duration_ms", run.path("duration_ms").asLong());
    m.put("error", run.path("error").isNull() ? null : run.path("error").asText());
    m.put("server", true);
    return m;
  }

  private static Map<String, Object> records(JsonNode c) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : List.of("read", "written", "unchanged", "duplicates", "quarantined")) {
      m.put(k, c.path(k).asLong());
    }
    return m;
  }
}
