package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.app.docs.DocsGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
