package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference pipelines in examples/ run offline from their cassettes, as their READMEs say, and
 * store exactly what the recorded responses hold.
 */
class ReferencePipelinesIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path EXAMPLES = REPO.resolve("examples");

  @TempDir Path dir;

  CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.run(dir, Map.of("TRIBUTARY_HOME", dir.resolve("data").toString()), args);
  }

  JsonNode query(String sql) throws Exception {
    CliProcess.Result q = cli("query", "--json", sql);
    assertThat(q.exitCode()).as(q.stderr()).isZero();
    return JSON.readTree(q.stdout());
  }

  static JsonNode fixture(String source, String file) throws Exception {
    return JSON.readTree(ReferenceCassettes.fixture(REPO, source).resolve(file).toFile());
  }

  @Test
  void theCommittedCassettesAreExactlyWhatTheFixturesGive() throws Exception {
    for (String pipeline : ReferenceCassettes.PIPELINES.keySet()) {
      Path cassettes = EXAMPLES.resolve(pipeline).resolve("cassettes");
      Map<String, String> committed = new TreeMap<>();
      try (var s = Files.list(cassettes)) {
        for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) {
          committed.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
        }
      }
      assertThat(committed)
          .as(
              "examples/%s/cassettes is stale: regenerate with ReferenceCassettes.main (see"
                  + " examples/README.md)",
              pipeline)
          .isEqualTo(ReferenceCassettes.build(REPO, pipeline));
    }
  }

  @Test
  void redditSentimentRunsOfflineWithSentimentAndEntitiesOnEveryPost() throws Exception {
    Path example = EXAMPLES.resolve("reddit-sentiment");
    CliProcess.Result v = cli("validate", example.resolve("reddit-sentiment.yaml").toString());
    assertThat(v.exitCode()).as(v.stdout() + v.stderr()).isZero();

    CliProcess.Result run =
        cli(
            "run",
            example.resolve("reddit-sentiment.yaml").toString(),
            "--replay",
            example.resolve("cassettes").toString(),
            "--json");

    assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
    JsonNode listing = fixture("reddit", "r_askreddit_new_limit100.json");
    List<String> ids = new ArrayList<>();
    long negativeScores = 0;
    for (JsonNode child : listing.get("data").get("children")) {
      ids.add(child.get("data").get("id").asText());
      negativeScores += child.get("data").get("score").asLong() < 0 ? 1 : 0;
    }
    JsonNode result = JSON.readTree(run.stdout());
    assertThat(result.get("records").get("read").asLong()).isEqualTo(ids.size());
    assertThat(result.get("records").get("quarantined").asLong()).isEqualTo(negativeScores);

    JsonNode rows =
        query(
            "SELECT id, sentiment.label AS label, sentiment.compound AS compound,"
                + " len(entities) AS n_entities FROM reddit_sentiment.posts ORDER BY id");
    assertThat(rows).hasSize(ids.size() - (int) negativeScores);
    List<String> stored = new ArrayList<>();
    rows.forEach(r -> stored.add(r.get("id").asText()));
    assertThat(ids).containsAll(stored);
    for (JsonNode r : rows) {
      assertThat(r.get("label").asText()).isIn("positive", "neutral", "negative");
      assertThat(r.get("compound").asDouble()).isBetween(-1.0, 1.0);
    }
    // a second run of the same recording writes nothing new
    CliProcess.Result again =
        cli(
            "run",
            example.resolve("reddit-sentiment.yaml").toString(),
            "--replay",
            example.resolve("cassettes").toString(),
            "--json",
            "--full-refresh");
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(JSON.readTree(again.stdout()).get("records").get("written").asLong()).isZero();
  }

  @Test
  void openaqRunsOfflineIncrementallyAndBackfillsAWindowWithoutMovingTheState() throws Exception {
    Path example = EXAMPLES.resolve("openaq-air-quality");
    String pipeline = example.resolve("openaq-air-quality.yaml").toString();
    String cassettes = example.resolve("cassettes").toString();
    CliProcess.Result v = cli("validate", pipeline);
    assertThat(v.exitCode()).as(v.stdout() + v.stderr()).isZero();

    CliProcess.Result run = cli("run", pipeline, "--replay", cassettes, "--json");

    assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
    List<Long> locationIds = new ArrayList<>();
    fixture("openaq", "v3_locations_limit100_page1.json")
        .get("results")
        .forEach(l -> locationIds.add(l.get("id").asLong()));
    List<Double> values = new ArrayList<>();
    fixture("openaq", "v3_sensors_3_measurements_limit5.json")
        .get("results")
        .forEach(m -> values.add(m.get("value").asDouble()));
    List<Long> storedLocations = new ArrayList<>();
    query("SELECT id FROM openaq_air_quality.locations ORDER BY id")
        .forEach(r -> storedLocations.add(r.get("id").asLong()));
    assertThat(storedLocations).containsExactlyInAnyOrderElementsOf(locationIds);
    List<Double> storedValues = new ArrayList<>();
    JsonNode measurements =
        query(
            "SELECT sensor_id, parameter_name, value FROM openaq_air_quality.measurements"
                + " ORDER BY datetime");
    measurements.forEach(r -> storedValues.add(r.get("value").asDouble()));
    assertThat(storedValues).containsExactlyInAnyOrderElementsOf(values);
    assertThat(measurements.findValuesAsText("parameter_name")).containsOnly("pm25");
    String state = query("SELECT CAST(state AS VARCHAR) AS s FROM tributary.state").toString();

    // the same recording again (a full refresh: an incremental run would ask from its cursor, a
    // request the cassettes do not hold) stores nothing new
    CliProcess.Result again =
        cli("run", pipeline, "--replay", cassettes, "--json", "--full-refresh");
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(JSON.readTree(again.stdout()).get("records").get("written").asLong()).isZero();

    // the backfill of the README: one UTC day of the recorded (local-time) day
    CliProcess.Result backfill =
        cli(
            "run",
            pipeline,
            "--replay",
            cassettes,
            "--stream",
            "measurements",
            "--from",
            "2023-03-07",
            "--to",
            "2023-03-08",
            "--json");
    assertThat(backfill.exitCode()).as(backfill.stderr()).isZero();
    long inWindow = 0;
    for (JsonNode m :
        fixture("openaq", "v3_sensors_3_measurements_2023-03-07.json").get("results")) {
      String from = m.get("period").get("datetimeFrom").get("utc").asText();
      inWindow +=
          from.compareTo("2023-03-07T00:00:00Z") >= 0 && from.compareTo("2023-03-08") < 0 ? 1 : 0;
    }
    assertThat(inWindow).isPositive();
    assertThat(JSON.readTree(backfill.stdout()).get("records").get("written").asLong())
        .isEqualTo(inWindow);
    assertThat(query("SELECT CAST(state AS VARCHAR) AS s FROM tributary.state").toString())
        .as("a backfill leaves the incremental state where it was")
        .isEqualTo(state);
  }

  @Test
  void memecoinDagRunsOfflineInOrderAndExportsOneScoredRowPerToken() throws Exception {
    Path example = EXAMPLES.resolve("memecoin-signals");
    Path csv = example.resolve("out/memecoin_scores.csv");
    Files.deleteIfExists(csv);

    CliProcess.Result run =
        cli(
            "run",
            example.toString(),
            "--replay",
            example.resolve("cassettes").toString(),
            "--json");

    assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
    JsonNode out = JSON.readTree(run.stdout());
    List<String> order = out.get("runs").findValuesAsText("pipeline");
    assertThat(order.subList(0, 4))
        .containsExactlyInAnyOrder(
            "memecoin_tweets", "memecoin_prices", "memecoin_transfers", "memecoin_fundamentals");
    assertThat(order.subList(4, 7))
        .containsExactly("memecoin_clean", "memecoin_signals", "memecoin_score");

    // every recorded tweet is cleaned and scored for sentiment
    long tweets = fixture("twitter", "v2_tweets_search_recent_tweepy.json").get("data").size();
    JsonNode mood =
        query(
            "SELECT count(*) AS n, count(sentiment) AS scored,"
                + " avg(CAST(sentiment->>'compound' AS DOUBLE)) AS avg FROM memecoin_clean.tweets");
    assertThat(mood.get(0).get("n").asLong()).isEqualTo(tweets);
    assertThat(mood.get(0).get("scored").asLong()).isEqualTo(tweets);
    double sentiment = Math.round(mood.get(0).get("avg").asDouble() * 10_000) / 10_000.0;

    // on-chain: the transfers of the (doc-based) Etherscan answer, their concentration
    JsonNode transfers = fixture("etherscan", "tokentx_page1.json").get("result");
    JsonNode chain =
        query("SELECT token, receivers, top10_share FROM memecoin_signals.concentration");
    assertThat(chain).hasSize(1);
    assertThat(chain.get(0).get("token").asText())
        .isEqualTo(transfers.get(0).get("tokenSymbol").asText());
    assertThat(chain.get(0).get("top10_share").asDouble())
        .isEqualTo(1.0); // fewer than 10 receivers

    // the exported CSV holds one scored row per token, as stored
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, Double> exported = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      exported.put(
          cells[header.indexOf("token")], Double.parseDouble(cells[header.indexOf("score")]));
    }
    Map<String, Double> stored = new TreeMap<>();
    JsonNode scores =
        query(
            "SELECT token, score, risk_flags, flag_thin_liquidity, flag_unverified,"
                + " flag_concentrated FROM memecoin_score.scores ORDER BY token");
    scores.forEach(r -> stored.put(r.get("token").asText(), r.get("score").asDouble()));
    assertThat(exported).isEqualTo(stored);
    assertThat(stored.keySet()).containsExactly("FROGE", "MKR", "MOONCAT", "SHIBLET");
    // SHIBLET on the sample page: deep liquidity, verified, 22 % top-10 share, launched 2025
    JsonNode shiblet = scores.get(3);
    assertThat(shiblet.get("risk_flags").asInt()).isZero();
    assertThat(shiblet.get("score").asDouble())
        .isEqualTo(Math.round((60 + 20 * sentiment) * 10) / 10.0);
    // FROGE: $42,500 of liquidity, unverified, 71 % held by the top 10
    JsonNode froge = scores.get(0);
    assertThat(froge.get("flag_thin_liquidity").asBoolean()).isTrue();
    assertThat(froge.get("flag_unverified").asBoolean()).isTrue();
    assertThat(froge.get("flag_concentrated").asBoolean()).isTrue();
    assertThat(froge.get("score").asDouble()).isLessThan(shiblet.get("score").asDouble());
    Files.deleteIfExists(csv);
  }
}
