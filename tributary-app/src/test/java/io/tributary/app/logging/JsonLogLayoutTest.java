package io.tributary.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonLogLayoutTest {
  static final String CANARY = "canary-json-log-secret-4711";

  @Test
  void oneJsonObjectPerLineWithRunFieldsAndSecretsMasked() throws Exception {
    LogRedaction.register(Set.of(CANARY));
    LoggerContext ctx = new LoggerContext();
    JsonLogLayout layout = new JsonLogLayout();
    layout.setContext(ctx);
    layout.start();
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            ctx.getLogger("io.tributary.engine.run.PipelineRunner"),
            Level.WARN,
            "stream {} failed: token {} refused",
            new IllegalStateException("boom with " + CANARY),
            new Object[] {"posts", CANARY});
    event.setMDCPropertyMap(
        Map.of(
            "run_id",
            "0190-abc",
            "pipeline",
            "reddit",
            "stream",
            "posts",
            "request_id",
            "r1",
            "other",
            "x"));
    String line = layout.doLayout(event);
    assertThat(line).endsWith(System.lineSeparator()).doesNotContain(CANARY);
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("logger").asText()).isEqualTo("io.tributary.engine.run.PipelineRunner");
    assertThat(json.get("message").asText()).isEqualTo("stream posts failed: token ****** refused");
    assertThat(json.get("run_id").asText()).isEqualTo("0190-abc");
    assertThat(json.get("pipeline").asText()).isEqualTo("reddit");
    assertThat(json.get("stream").asText()).isEqualTo("posts");
    assertThat(json.get("request_id").asText()).isEqualTo("r1");
    assertThat(json.get("mdc").get("other").asText()).isEqualTo("x");
    assertThat(json.get("exception").asText()).contains("IllegalStateException").contains("******");
    assertThat(json.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }
}
