package io.tributary.http.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaGeneratorTest {
  /** The module's directory is the working directory of its tests. */
  private static final Path COMMITTED = Path.of("..", "docs", "schema", "manifest.schema.json");

  @Test
  void theCommittedSchemaIsTheGeneratedOne() throws IOException {
    assertThat(COMMITTED)
        .as("regenerate with: java ... SchemaGenerator docs/schema/manifest.schema.json")
        .exists();
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as("docs/schema/manifest.schema.json is stale; regenerate it from ManifestShapes")
        .isEqualTo(SchemaGenerator.text());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSchemaDescribesEveryTopLevelKeyAndTheVariantsOfAuth() throws IOException {
    Map<String, Object> schema = new ObjectMapper().readValue(SchemaGenerator.text(), Map.class);

    Map<String, Object> props = (Map<String, Object>) schema.get("properties");
    assertThat(props.keySet()).containsAll(ManifestShapes.MANIFEST.names());
    assertThat((List<String>) schema.get("required"))
        .contains("name", "description", "base_url", "streams");
    assertThat(props.get("auth").toString())
        .contains("const=oauth2")
        .contains("const=api_key")
        .contains("refresh_token");
    assertThat(schema.get("additionalProperties")).isEqualTo(false);
  }
}
