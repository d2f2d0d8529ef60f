package io.tributary.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tributary.engine.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PIPELINES = Path.of("src/test/resources/pipelines");

  private final Map<String, Object> schema = PipelineSchema.generate(TestPlugins.plugins());
  private final JsonNode tree = JSON.valueToTree(schema);

  private JsonSchema validator() {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree);
  }

  /** The file's values as the loader sees them (YAML 1.2 types, no environment). */
  private static JsonNode pipeline(String yaml) {
    Problems problems = new Problems();
    YamlDocument doc = YamlDocument.parse(yaml, "test", new Interpolator(Map.of()), problems);
    assertThat(problems.isEmpty()).as("%s parses", yaml).isTrue();
    return JSON.valueToTree(doc.root());
  }

  @Test
  void declaresTheDialectAndEveryTopLevelKey() {
    assertThat(tree.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(tree.path("properties").fieldNames())
        .toIterable()
        .containsExactly(
            "name",
            "description",
            "source",
            "process",
            "store",
            "schedule",
            "alerts",
            "quality",
            "after",
            "exports");
    assertThat(tree.path("required"))
        .extracting(JsonNode::asText)
        .containsExactly("name", "source");
    assertThat(tree.path("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void containsEachConnectorsFieldsWithTypesDefaultsAndSecrets() {
    JsonNode file = tree.path("$defs").path("connector.file");

    assertThat(file.path("properties").fieldNames())
        .toIterable()
        .containsExactly("path", "format", "api_key", "primary_key", "max_records", "follow");
    assertThat(file.path("required")).extracting(JsonNode::asText).containsExactly("path");
    assertThat(file.at("/properties/path/type").asText()).isEqualTo("string");
    assertThat(file.at("/properties/format/enum"))
        .extracting(JsonNode::asText)
        .containsExactly("jsonl", "json", "csv");
    assertThat(file.at("/properties/format/default").asText()).isEqualTo("jsonl");
    assertThat(file.at("/properties/max_records/anyOf/0/minimum").asInt()).isEqualTo(1);
    assertThat(file.at("/properties/api_key/writeOnly").asBoolean()).isTrue();
    assertThat(file.at("/properties/api_key/description").asText())
        .startsWith("A key for the file server. Secret:");
    assertThat(file.at("/properties/path/writeOnly").isMissingNode()).isTrue();
    assertThat(tree.at("/$defs/connector.http/properties/token/writeOnly").asBoolean()).isTrue();
  }

  @Test
  void sourceConfigIsChosenByTheConnectorName() {
    JsonNode branches = tree.at("/properties/source/allOf");

    assertThat(branches).hasSize(2);
    assertThat(branches.get(0).at("/if/properties/connector/const").asText()).isEqualTo("file");
    assertThat(branches.get(0).at("/then/properties/config/$ref").asText())
        .isEqualTo("#/$defs/connector.file");
    assertThat(tree.at("/properties/source/properties/connector/enum"))
        .extracting(JsonNode::asText)
        .containsExactly("file", "http");
  }

  @Test
  void processorStepsCarryTheirProcessorsFields() {
    JsonNode branches = tree.at("/properties/process/items/allOf");

    assertThat(branches)
        .extracting(b -> b.at("/then/$ref").asText())
        .containsExactly("#/$defs/processor.dedup", "#/$defs/processor.range");
    JsonNode range = tree.at("/$defs/processor.range");
    assertThat(range.at("/properties/type/const").asText()).isEqualTo("range");
    assertThat(range.at("/properties/min/anyOf/0/type").asText()).isEqualTo("number");
    assertThat(range.path("required"))
        .extracting(JsonNode::asText)
        .containsExactly("type", "field");
  }

  @Test
  void generationIsDeterministicWhateverTheOrderPluginsWereFoundIn() throws IOException {
    Plugins plugins = TestPlugins.plugins();
    Plugins reversed =
        new Plugins(
            plugins.connectors().stream().toList().reversed(),
            plugins.processors().stream().toList().reversed());

    String once = JSON.writeValueAsString(PipelineSchema.generate(plugins));

    assertThat(JSON.writeValueAsString(PipelineSchema.generate(plugins))).isEqualTo(once);
    assertThat(JSON.writeValueAsString(PipelineSchema.generate(reversed))).isEqualTo(once);
  }

  static Stream<Path> validFiles() throws IOException {
    return PipelineFilesTest.validFiles();
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void everyValidPipelineFileConformsToTheSchema(Path file) throws IOException {
    Set<ValidationMessage> errors = validator().validate(pipeline(Files.readString(file)));

    assertThat(errors).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"many-mistakes", "wrong-kinds", "streams", "self-after", "schedule", "bad-at"})
  void invalidPipelineFilesDoNotConform(String name) throws IOException {
    Path file = PIPELINES.resolve("invalid/" + name + ".yaml");

    assertThat(validator().validate(pipeline(Files.readString(file)))).isNotEmpty();
  }

  @Test
  void aKeyOfAnotherConnectorIsRejectedAndTheRightConnectorAcceptsIt() {
    JsonNode wrong =
        pipeline("name: p\nsource: {connector: http, config: {base_url: u, path: a}}\n");
    JsonNode right = pipeline("name: p\nsource: {connector: file, config: {path: a}}\n");
    JsonNode missing = pipeline("name: p\nsource: {connector: file, config: {format: csv}}\n");

    assertThat(validator().validate(wrong))
        .extracting(ValidationMessage::getMessage)
        .anySatisfy(m -> assertThat(m).contains("path"));
    assertThat(validator().validate(right)).isEmpty();
    assertThat(validator().validate(missing))
        .extracting(ValidationMessage::getMessage)
        .anySatisfy(m -> assertThat(m).contains("path"));
  }

  @Test
  void processorStepIsCheckedAgainstItsProcessor() {
    JsonNode ok =
        pipeline(
            "name: p\nsource: {connector: file, config: {path: a}}\nprocess: [{type: range, field: x, min: 1.5}]\n");
    JsonNode bad =
        pipeline(
            "name: p\nsource: {connector: file, config: {path: a}}\nprocess: [{type: range, field: x, min: low, key: [a]}]\n");

    assertThat(validator().validate(ok)).isEmpty();
    assertThat(validator().validate(bad)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void unquotedInterpolationIsAcceptedForNumbers() {
    JsonNode node =
        pipeline(
            "name: p\nsource: {connector: file, config: {path: a}}\nstore:\n  batch_size: ${BATCH:-5}\n");

    assertThat(validator().validate(node)).isEmpty();
    assertThat(
            validator()
                .validate(
                    pipeline(
                        "name: p\nsource: {connector: file, config: {path: a}}\nstore: {batch_size: lots}\n")))
        .isNotEmpty();
  }

  @Test
  void withoutPluginsTheSchemaStillDescribesTheFile() {
    Map<String, Object> bare = PipelineSchema.generate(new Plugins(List.of(), List.of()));
    JsonNode node = JSON.valueToTree(bare);

    assertThat(node.at("/properties/source/allOf").isMissingNode()).isTrue();
    assertThat(node.at("/properties/source/properties/connector/enum").isMissingNode()).isTrue();
    assertThat(node.path("$defs").fieldNames()).toIterable().containsExactly("interpolation");
  }
}
