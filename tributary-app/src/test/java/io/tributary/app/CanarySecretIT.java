package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants a canary secret in a pipeline's configuration (through the environment), runs it at TRACE
 * log level against a local server whose error body even echoes the token, and scans every output
 * for it: run output, --json, runs show, runs list, the runs and quarantine tables, all logs.
 */
class CanarySecretIT {
  static final String CANARY = "ghp_CANARY_7f3a9c2e1b5d4f60";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  HttpServer server;
  final List<String> authHeaders = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/repos/acme/good/issues",
        ex -> {
          authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
          byte[] body =
              """
              [{"id": 1, "number": 1, "title": "first", "state": "open", "updated_at": "2025-01-01T00:00:00Z"},
               {"id": 2, "number": 2, "title": "second", "state": "open", "updated_at": "2025-01-02T00:00:00Z"}]
              """
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.createContext(
        "/repos/acme/bad/issues",
        ex -> {
          // a careless API that echoes the credential in its error
          byte[] body =
              ("{\"message\": \"Bad credentials: " + CANARY + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(401, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void theCanarySecretAppearsInNoOutputLogOrTable() throws Exception {
    Files.writeString(
        dir.resolve("p.yaml"),
        """
        name: canary
        source:
          connector: github
          config:
            base_url: http://127.0.0.1:%d
            allow_private_addresses: [127.0.0.1]
            token: ${GH_TOKEN}
            repositories: [acme/good, acme/bad]
          streams: [issues]
        """
            .formatted(server.getAddress().getPort()));
    Map<String, String> env = Map.of("GH_TOKEN", CANARY, "TRIBUTARY_LOG_LEVEL", "trace");
    List<CliProcess.Result> outputs = new ArrayList<>();

    CliProcess.Result run = CliProcess.run(dir, env, "run", "p.yaml", "--json");
    outputs.add(run);
    JsonNode result = JSON.readTree(run.stdout());
    String runId = result.get("run_id").asText();
    // the secret was really used, and the good partition was stored
    assertThat(authHeaders)
        .isNotEmpty()
        .allSatisfy(h -> assertThat(h).isEqualTo("Bearer " + CANARY));
    assertThat(result.get("records").get("written").asLong()).isEqualTo(2);
    assertThat(run.stderr()).as("TRACE logging is on").isNotBlank();

    outputs.add(CliProcess.run(dir, env, "run", "p.yaml"));
    outputs.add(CliProcess.run(dir, env, "runs", "show", runId));
    outputs.add(CliProcess.run(dir, env, "runs", "show", runId, "--json"));
    outputs.add(CliProcess.run(dir, env, "runs", "list", "--json"));
    outputs.add(CliProcess.run(dir, env, "query", "--json", "SELECT * FROM tributary.runs"));
    outputs.add(CliProcess.run(dir, env, "query", "--json", "SELECT * FROM tributary.quarantine"));
    outputs.add(CliProcess.run(dir, env, "query", "--json", "SELECT * FROM tributary.state"));
    outputs.add(CliProcess.run(dir, env, "validate", "p.yaml"));
    outputs.add(CliProcess.run(dir, env, "connectors", "check", "p.yaml"));

    for (CliProcess.Result r : outputs) {
      assertThat(r.stdout()).doesNotContain(CANARY);
      assertThat(r.stderr()).doesNotContain(CANARY);
    }
    // the state and runs tables were really read (so the scan above saw their contents)
    assertThat(JSON.readTree(outputs.get(5).stdout())).isNotEmpty();
    assertThat(JSON.readTree(outputs.get(7).stdout())).isNotEmpty();
  }
}
