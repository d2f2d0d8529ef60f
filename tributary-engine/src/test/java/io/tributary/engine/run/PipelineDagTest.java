package io.tributary.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.config.SourceConfig;
import io.tributary.engine.config.StoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineDagTest {

  static PipelineConfig p(String name, String... after) {
    return new PipelineConfig(
        name,
        Path.of(name + ".yaml"),
        new SourceConfig("file", Map.of(), List.of()),
        List.of(),
        new StoreConfig("duckdb", name, 1000, 50),
        null,
        List.of(),
        Map.of(),
        List.of(after),
        Set.of());
  }

  static List<String> names(PipelineDag dag) {
    return dag.order().stream().map(PipelineConfig::name).toList();
  }

  @Test
  void everyPipelineComesAfterItsUpstreamsAndTiesGoByName() {
    // the memecoin shape: four collectors -> clean -> signals
    PipelineDag dag =
        PipelineDag.of(
            List.of(
                p("signals", "clean"),
                p("clean", "twitter", "prices", "chain", "fundamentals"),
                p("twitter"),
                p("prices"),
                p("fundamentals"),
                p("chain")));

    assertThat(names(dag))
        .containsExactly("chain", "fundamentals", "prices", "twitter", "clean", "signals");
    assertThat(dag.upstreamsOf(p("signals", "clean")))
        .containsExactlyInAnyOrder("clean", "twitter", "prices", "chain", "fundamentals");
    assertThat(dag.outside()).isEmpty();
  }

  @Test
  void upstreamsOutsideTheSetAreListedAndNotWaitedFor() {
    PipelineDag dag = PipelineDag.of(List.of(p("clean", "twitter", "elsewhere"), p("twitter")));
    assertThat(names(dag)).containsExactly("twitter", "clean");
    assertThat(dag.outside()).isEqualTo(Map.of("clean", List.of("elsewhere")));
  }

  @Test
  void aCycleIsRefusedNamingItsMembers() {
    assertThatThrownBy(() -> PipelineDag.of(List.of(p("a", "c"), p("b", "a"), p("c", "b"), p("d"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the pipelines' 'after:' dependencies form a cycle among: a, b, c");
  }

  @Test
  void twoFilesWithOnePipelineNameAreRefused() {
    assertThatThrownBy(() -> PipelineDag.of(List.of(p("a"), p("a"))))
        .hasMessageContaining("two pipeline files are both named 'a'");
  }
}
