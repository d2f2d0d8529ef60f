package io.tributary.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.spi.config.ConfigProblem;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads YAML snippets into the module's configuration for tests. */
final class Yaml {
  private Yaml() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(String yaml) {
    try {
      Object o = new YAMLMapper().readValue(yaml, Object.class);
      return o == null ? Map.of() : (Map<String, Object>) o;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(String yaml) {
    try {
      return (List<Map<String, Object>>) new YAMLMapper().readValue(yaml, List.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ConfigReader.Global global(String yaml) {
    List<ConfigProblem> problems = new ArrayList<>();
    ConfigReader.Global g = ConfigReader.readGlobal(map(yaml), Set.of(), problems);
    assertThat(problems).isEmpty();
    return g;
  }

  static ConfigReader.PipelineRules pipeline(
      String name, String yaml, Set<String> secrets, ConfigReader.Global g) {
    List<ConfigProblem> problems = new ArrayList<>();
    ConfigReader.PipelineRules p =
        ConfigReader.readPipeline(name, list(yaml), secrets, g, problems);
    assertThat(problems).isEmpty();
    return p;
  }
}
