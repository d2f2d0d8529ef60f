package io.tributary.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/alerting.md stays true: its reference is generated, its examples load. */
class AlertingDocsTest {
  static final Path DOC = Path.of("..", "docs", "alerting.md");
  static final Map<String, String> ENV =
      Map.of(
          "SLACK_WEBHOOK_URL", "https://hooks.example/T0/B0/x",
          "OPS_HOOK_SECRET", "ops-secret-1",
          "SMTP_PASSWORD", "smtp-pass-1",
          "PAGERDUTY_ROUTING_KEY", "pd-routing-key-1",
          "ANALYTICS_HOOK_URL", "https://hooks.example/analytics",
          "ANALYTICS_HOOK_SECRET", "analytics-secret-1");

  @TempDir Path dir;

  static String doc() throws IOException {
    return Files.readString(DOC);
  }

  static String example(String name) throws IOException {
    Matcher m =
        Pattern.compile("<!-- example:" + name + " -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL)
            .matcher(doc());
    assertThat(m.find()).as("example %s in %s", name, DOC).isTrue();
    return m.group(1);
  }

  @Test
  void theReferenceIsTheGeneratedOne() throws IOException {
    String d = doc();
    String between =
        d.substring(
            d.indexOf("<!-- reference:start -->\n") + "<!-- reference:start -->\n".length(),
            d.indexOf("<!-- reference:end -->"));

    assertThat(between)
        .as("regenerate with AlertingConfig.referenceMarkdown()")
        .isEqualTo(AlertingConfig.referenceMarkdown());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theExamplesLoadAndValidate() throws IOException {
    Path global = Files.writeString(dir.resolve("alerts.yaml"), example("global"));
    AlertingConfig config = AlertingConfig.load(global, ENV);

    assertThat(config.channelNames())
        .containsExactly("ops-hook", "ops-mail", "pager", "team-slack");
    assertThat(config.ruleCount()).isEqualTo(5);

    String pipeline = example("pipeline");
    for (Map.Entry<String, String> e : ENV.entrySet()) {
      pipeline = pipeline.replace("${" + e.getKey() + "}", e.getValue());
    }
    Map<String, Object> root = new YAMLMapper().readValue(pipeline, Map.class);
    List<Map<String, Object>> rules = (List<Map<String, Object>>) root.get("alerts");
    assertThat(rules).hasSize(5);
    assertThat(config.validate(new PipelineAlerts("shop", rules, Set.of()))).isEmpty();
  }
}
