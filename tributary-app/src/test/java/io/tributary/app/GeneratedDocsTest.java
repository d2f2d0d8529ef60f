package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.app.docs.DocsGenerator;
import io.tributary.engine.Plugins;
import io.tributary.engine.config.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The committed reference docs are exactly what the declarations generate. */
class GeneratedDocsTest {
  @Test
  void committedReferenceDocsMatchTheDeclarations() throws Exception {
    Path docs = Path.of("..", "docs");
    for (var e : DocsGenerator.generate().entrySet()) {
      Path file = docs.resolve(e.getKey());
      Path fresh = Path.of("target", "generated-docs").resolve(e.getKey());
      Files.createDirectories(fresh.getParent());
      Files.writeString(fresh, e.getValue()); // for diffing when this test fails
      assertThat(file).as("docs/%s exists; run ./tributary gen-docs", e.getKey()).exists();
      assertThat(Files.readString(file))
          .as("docs/%s is stale: run ./tributary gen-docs and commit the result", e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void everyConnectorPagesExamplePipelineIsValid() {
    Plugins plugins = Plugins.discover(GeneratedDocsTest.class.getClassLoader(), null);
    Pattern variable = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    Pattern yaml =
        Pattern.compile("## Example pipeline \\(live use\\)\n\n```yaml\n(.*?)```", Pattern.DOTALL);
    int pages = 0;
    for (var e : DocsGenerator.generate().entrySet()) {
      if (!e.getKey().startsWith("connectors/") || e.getKey().endsWith("README.md")) {
        continue;
      }
      Matcher m = yaml.matcher(e.getValue());
      assertThat(m.find()).as("%s has an example pipeline", e.getKey()).isTrue();
      String example = m.group(1);
      Map<String, String> env = new java.util.HashMap<>();
      variable.matcher(example).results().forEach(v -> env.put(v.group(1), "example-secret"));
      assertThat(new PipelineLoader(plugins, env).validate(e.getKey(), example))
          .as("example of %s", e.getKey())
          .isEmpty();
      pages++;
    }
    assertThat(pages).isGreaterThanOrEqualTo(12);
  }
}
