package io.tributary.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.spi.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pipeline files under {@code src/test/resources/pipelines}: every file in {@code valid/} loads
 * without a problem; every file in {@code invalid/} reports exactly the problems its {@code #
 * expect: LINE:COLUMN PATH | MESSAGE FRAGMENT} comments list ({@code -} for no path), in order.
 */
class PipelineFilesTest {
  private static final Path ROOT = Path.of("src/test/resources/pipelines");
  private static final String EXPECT = "# expect: ";

  private final PipelineLoader loader = new PipelineLoader(TestPlugins.plugins(), Map.of());

  static Stream<Path> validFiles() throws IOException {
    return files("valid");
  }

  static Stream<Path> invalidFiles() throws IOException {
    return files("invalid");
  }

  private static Stream<Path> files(String dir) throws IOException {
    try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
      List<Path> all = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(all).as("pipeline files in %s", dir).hasSizeGreaterThan(3);
      return all.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void validFileLoadsWithoutProblems(Path file) {
    assertThat(loader.validate(file)).isEmpty();
    PipelineConfig config = loader.load(file);
    assertThat(config.file()).isEqualTo(file.toAbsolutePath().normalize());
    assertThat(config.name()).matches("[a-z][a-z0-9_-]*");
  }

  private record Expected(String location, String path, String fragment) {}

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void invalidFileReportsExactlyTheExpectedProblems(Path file) throws IOException {
    List<Expected> expected = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith(EXPECT)) {
        String rest = line.substring(EXPECT.length());
        int space = rest.indexOf(' ');
        int bar = rest.indexOf(" | ");
        String path = rest.substring(space + 1, bar).strip();
        expected.add(
            new Expected(
                file + ":" + rest.substring(0, space),
                path.equals("-") ? null : path,
                rest.substring(bar + 3)));
      }
    }
    assertThat(expected).as("expectations in %s", file).isNotEmpty();

    List<ConfigProblem> problems = loader.validate(file);

    assertThat(problems).as("problems of %s", file).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Expected e = expected.get(i);
      ConfigProblem p = problems.get(i);
      assertThat(p.location()).as("location of problem %d: %s", i, p).isEqualTo(e.location());
      assertThat(p.path()).as("path of problem %d: %s", i, p).isEqualTo(e.path());
      assertThat(p.message()).as("message of problem %d", i).contains(e.fragment());
    }
  }
}
