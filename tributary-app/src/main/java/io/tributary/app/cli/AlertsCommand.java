package io.tributary.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.app.ExitCodes;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tributary alerts list|ack}: the alerts of a running {@code tributary serve}, through its
 * API (the server owns the alert state while it runs).
 */
@Command(
    name = "alerts",
    description = "List and acknowledge the alerts of a running 'tributary serve'.",
    subcommands = {AlertsCommand.ListAlerts.class, AlertsCommand.AckAlert.class})
public final class AlertsCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where the server is and how to authenticate, shared by the subcommands. */
  static final class ServerOptions {
    @Option(
        names = "--server",
        paramLabel = "URL",
        description =
            "The server's base URL (default: $TRIBUTARY_SERVER, else http://127.0.0.1:8080).")
    String server;

    @Option(
        names = "--token-file",
        paramLabel = "FILE",
        description =
            "The admin token file (default: $TRIBUTARY_TOKEN holds the token, else"
                + " DATA-DIR/admin.token).")
    Path tokenFile;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description =
            "The server's data directory, where admin.token is (default: $TRIBUTARY_HOME, else"
                + " ./tributary-data).")
    Path dataDir;

    URI base(Map<String, String> env) {
      return ServerClient.base(server, env);
    }

    String token(Map<String, String> env) {
      return ServerClient.token(tokenFile, dataDir, env);
    }

    /** Sends a request and returns the JSON answer, turning API errors into user errors. */
    JsonNode call(Map<String, String> env, String method, String path, String body) {
      return new ServerClient(base(env), token(env)).call(method, path, body);
    }
  }

  /** {@code alerts list}. */
  @Command(
      name = "list",
      description = "List alerts, newest first, with their state (firing, acknowledged, resolved).")
  public static final class ListAlerts extends EnvCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--state",
        paramLabel = "STATE",
        description = "Only alerts in this state: firing, acknowledged or resolved.")
    String state;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline's alerts.")
    String pipeline;

    @Option(
        names = "--limit",
        defaultValue = "20",
        paramLabel = "N",
        description = "How many (1-200, default ${DEFAULT-VALUE}).")
    int limit;

    @Option(
        names = "--history",
        description = "Also print each alert's history (what happened to it, and deliveries).")
    boolean history;

    @Option(names = "--json", description = "Print the alerts as a JSON array.")
    boolean json;

    @Mixin ServerOptions server;

    @Override
    public Integer call() {
      StringBuilder q = new StringBuilder("/api/alerts?limit=").append(limit);
      if (state != null) {
        q.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
      }
      if (pipeline != null) {
        q.append("&pipeline=").append(URLEncoder.encode(pipeline, StandardCharsets.UTF_8));
      }
      JsonNode page = server.call(env, "GET", q.toString(), null);
      JsonNode alerts = page.path("alerts");
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(alerts));
      } else if (alerts.isEmpty()) {
        out.println(state == null ? "no alerts" : "no " + state + " alerts");
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode a : alerts) {
          rows.add(
              List.of(
                  a.path("id").asText(),
                  a.path("state").asText(),
                  a.path("severity").asText(),
                  a.path("pipeline").asText("-"),
                  a.path("rule").asText(),
                  a.path("fired_at").asText(),
                  a.path("summary").asText("")));
        }
        Tables.print(
            out, List.of("id", "state", "severity", "pipeline", "rule", "fired", "summary"), rows);
        if (history) {
          for (JsonNode a : alerts) {
            out.printf("%n%s:%n", a.path("id").asText());
            for (JsonNode h : a.path("history")) {
              out.printf("  %s  %s%n", h.path("at").asText(), h.path("what").asText());
            }
          }
        }
        int total = page.path("total").asInt(alerts.size());
        if (total > alerts.size()) {
          out.printf("(%d of %d; raise --limit to see more)%n", alerts.size(), total);
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code alerts ack ID}. */
  @Command(
      name = "ack",
      description =
          "Acknowledge an alert: no more reminders; PagerDuty, webhooks and Slack are told who"
              + " took it.")
  public static final class AckAlert extends EnvCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The alert's id (see 'alerts list').")
    String id;

    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Who takes it, shown in notifications (default: your user name).")
    String by;

    @Mixin ServerOptions server;

    @Override
    public Integer call() {
      String who = by != null ? by : System.getProperty("user.name", "cli");
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("by", who);
      JsonNode alert =
          server.call(
              env,
              "POST",
              "/api/alerts/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/ack",
              Json.write(body));
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "alert %s acknowledged by %s (%s)%n",
          alert.path("id").asText(),
          alert.path("acknowledged_by").asText(who),
          alert.path("state").asText());
      out.flush();
      return ExitCodes.OK;
    }
  }
}
