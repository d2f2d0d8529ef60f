package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary run DIR}: pipelines run once in {@code after:} order, a downstream pipeline
 * derives its stream from the upstreams' tables with the sql connector, and a failed upstream skips
 * what depends on it but not the independent branches.
 */
class PipelineDagIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  void write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  /** Writes n payments spread over five users; returns the expected total per user. */
  Map<String, Long> payments(String file, int from, int n) throws Exception {
    Map<String, Long> totals = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      String user = "u" + (i * 7 % 5);
      long amount = (i * 37L) % 101;
      totals.merge(user, amount, Long::sum);
      lines.add(
          String.format(
              "{\"id\": %d, \"user\": \"%s\", \"amount\": %d, \"seq\": %d}", i, user, amount, i));
    }
    write(file, String.join("\n", lines) + "\n");
    return totals;
  }

  void pipelines() throws Exception {
    write(
        "dag/payments.yaml",
        """
        name: dag_payments
        source:
          connector: file
          config: {path: ../data/payments-*.jsonl, stream: payments, primary_key: [id]}
        """);
    write(
        "dag/users.yaml",
        """
        name: dag_users
        source:
          connector: file
          config: {path: ../data/users.csv, stream: users, primary_key: [user]}
        """);
    write(
        "dag/totals.yaml",
        """
        name: dag_totals
        after: [dag_payments, dag_users]
        source:
          connector: sql
          config:
            stream: per_user
            primary_key: [user]
            query: |
              SELECT p.user, u.country, sum(p.amount) AS total, count(*) AS payments
              FROM dag_payments.payments p JOIN dag_users.users u ON u.user = p.user
              GROUP BY p.user, u.country
        exports:
          - {stream: per_user, format: csv, path: ../out/per_user.csv}
        """);
    write("data/users.csv", "user,country\nu0,DE\nu1,FR\nu2,DE\nu3,PL\nu4,IT\n");
  }

  Map<String, Long> stored() throws Exception {
    CliProcess.Result q =
        CliProcess.run(
            dir,
            Map.of(),
            "query",
            "--json",
            "--data-dir",
            dir.resolve("td").toString(),
            "SELECT \"user\", total FROM dag_totals.per_user ORDER BY 1");
    assertThat(q.exitCode()).as(q.stderr()).isZero();
    Map<String, Long> out = new TreeMap<>();
    for (JsonNode row : JSON.readTree(q.stdout())) {
      out.put(row.get("user").asText(), row.get("total").asLong());
    }
    return out;
  }

  CliProcess.Result run(String... paths) throws Exception {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(paths));
    args.addAll(List.of("--json", "--data-dir", dir.resolve("td").toString()));
    return CliProcess.run(dir, Map.of(), args.toArray(String[]::new));
  }

  @Test
  void aDirectoryRunsInAfterOrderAndTheSqlStepSeesWhatItsUpstreamsStored() throws Exception {
    pipelines();
    Map<String, Long> expected = payments("data/payments-1.jsonl", 0, 3000);

    CliProcess.Result first = run(dir.resolve("dag").toString());

    assertThat(first.exitCode()).as(first.stderr() + first.stdout()).isZero();
    JsonNode out = JSON.readTree(first.stdout());
    assertThat(out.get("status").asText()).isEqualTo("succeeded");
    assertThat(out.get("runs").findValuesAsText("pipeline"))
        .containsExactly("dag_payments", "dag_users", "dag_totals");
    assertThat(stored()).isEqualTo(expected);
    assertThat(exported()).isEqualTo(expected);

    // new payments for some users: the derived table changes exactly for them
    Map<String, Long> more = payments("data/payments-2.jsonl", 3000, 3);
    more.forEach((u, a) -> expected.merge(u, a, Long::sum));
    CliProcess.Result second = run(dir.resolve("dag").toString());
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    JsonNode totals = JSON.readTree(second.stdout()).get("runs").get(2);
    assertThat(totals.get("records").get("written").asLong()).isEqualTo(more.size());
    assertThat(totals.get("records").get("unchanged").asLong()).isEqualTo(5 - more.size());
    assertThat(stored()).isEqualTo(expected);
    assertThat(exported()).as("the export is rewritten after each run").isEqualTo(expected);
  }

  /** user -> total from the CSV export (header row, then one line per user). */
  Map<String, Long> exported() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("out/per_user.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, Long> out = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      out.put(cells[header.indexOf("user")], Long.parseLong(cells[header.indexOf("total")]));
    }
    return out;
  }

  @Test
  void anExportOfAStreamTheSourceDoesNotHaveFailsTheRunPartlyAndSaysWhy() throws Exception {
    write(
        "bad-export.yaml",
        """
        name: bad_export
        source:
          connector: sql
          config: {stream: numbers, query: "SELECT range AS n FROM range(3)", primary_key: [n]}
        exports:
          - {stream: number, path: out/n.csv}
        """);

    CliProcess.Result r = run(dir.resolve("bad-export.yaml").toString());

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
    JsonNode out = JSON.readTree(r.stdout());
    assertThat(out.get("status").asText()).isEqualTo("partially_failed");
    assertThat(out.get("records").get("written").asLong()).isEqualTo(3);
    assertThat(out.toString())
        .contains("exports: the source has no stream 'number' (streams: numbers)");
    assertThat(dir.resolve("out/n.csv")).doesNotExist();
  }

  @Test
  void aFailedUpstreamSkipsItsDownstreamButNotTheIndependentBranch() throws Exception {
    pipelines();
    payments("data/payments-1.jsonl", 0, 100);
    Files.delete(dir.resolve("data/users.csv")); // dag_users fails: no file matches

    CliProcess.Result r = run(dir.resolve("dag").toString());

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
    JsonNode out = JSON.readTree(r.stdout());
    assertThat(out.get("status").asText()).isEqualTo("partially_failed");
    assertThat(out.get("runs").findValuesAsText("pipeline"))
        .containsExactly("dag_payments", "dag_users");
    assertThat(out.get("runs").get(0).get("status").asText()).isEqualTo("succeeded");
    assertThat(out.get("runs").get(1).get("status").asText()).isEqualTo("failed");
    assertThat(out.get("skipped")).hasSize(1);
    assertThat(out.get("skipped").get(0).get("pipeline").asText()).isEqualTo("dag_totals");
    assertThat(out.get("skipped").get(0).get("reason").asText())
        .isEqualTo("upstream dag_users did not succeed");
  }

  @Test
  void aCycleIsAUsageErrorNamingThePipelines() throws Exception {
    write(
        "cycle/a.yaml",
        "name: cyc_a\nafter: [cyc_b]\nsource: {connector: sql, config: {query: SELECT 1 AS x}}\n");
    write(
        "cycle/b.yaml",
        "name: cyc_b\nafter: [cyc_a]\nsource: {connector: sql, config: {query: SELECT 1 AS x}}\n");

    CliProcess.Result r = run(dir.resolve("cycle").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("form a cycle among: cyc_a, cyc_b");
  }
}
