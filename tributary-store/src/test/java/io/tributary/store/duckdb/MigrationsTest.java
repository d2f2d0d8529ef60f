package io.tributary.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void latestMatchesTheNewestMigrationFile() throws IOException, URISyntaxException {
    Path dir = Path.of(Migrations.class.getResource("/db/duckdb").toURI());
    Pattern name = Pattern.compile("V(\\d+)__\\w+\\.sql");
    int newest;
    try (Stream<Path> files = Files.list(dir)) {
      newest =
          files
              .map(p -> name.matcher(p.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElseThrow();
    }

    assertThat(Migrations.LATEST)
        .as("Migrations.LATEST must be raised with each new V<n>__*.sql file")
        .isEqualTo(newest);
  }
}
