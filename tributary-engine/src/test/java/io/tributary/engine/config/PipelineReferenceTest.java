package io.tributary.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.Plugins;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineReferenceTest {
  private final String md = PipelineReference.markdown(TestPlugins.plugins());

  @Test
  void documentsEveryKeyOfThePipelineFile() {
    for (String key :
        List.of(
            "name",
            "description",
            "source",
            "source.connector",
            "source.config",
            "source.streams",
            "source.streams[].name",
            "source.streams[].primary_key",
            "process",
            "process[].type",
            "store.type",
            "store.schema",
            "store.batch_size",
            "store.flush_ms",
            "schedule.cron",
            "schedule.every",
            "schedule.at",
            "schedule.timezone",
            "schedule.catch_up",
            "alerts",
            "quality",
            "after")) {
      assertThat(md).contains("| `" + key + "` |");
    }
    assertThat(md)
        .contains(
            "| `store.batch_size` | integer | no | `10000` | Records per write transaction. At least 1. |")
        .contains("| `schedule.catch_up` | string | no | `run_once` |")
        .contains("One of: `skip`, `run_once`, `run_all`.")
        .contains("Exactly one of `cron`, `every`, `at`.");
  }

  @Test
  void listsEveryConnectorAndProcessorWithTheirFields() {
    assertThat(md)
        .contains("## Connectors\n\n### `file`\n")
        .contains("### `http`\n\nReads a JSON API. Kind: `manifest`.")
        .contains("## Processors\n\n### `dedup`\n")
        .contains("### `range`\n")
        .contains(
            "| `path` | string | yes |  | Glob of input files, relative to the pipeline file."
                + " Example: `data/*.jsonl`. |  |")
        .contains("| `api_key` | string | no |  | A key for the file server. | yes |")
        .contains(
            "| `format` | string | no | `jsonl` | The files' format. One of: `jsonl`, `json`, `csv`. |  |")
        .contains("| `min` | number | no |  | The smallest accepted value. |  |")
        .contains(
            "| `key` | string or list of strings | yes |  | The fields forming the key. |  |");
    assertThat(md.indexOf("### `file`")).isLessThan(md.indexOf("### `http`"));
    assertThat(md.indexOf("### `dedup`")).isLessThan(md.indexOf("### `range`"));
  }

  @Test
  void tableCellsEscapePipes() {
    assertThat(md).contains("A bearer token \\| sent as a header.");
  }

  @Test
  void isDeterministic() {
    Plugins plugins = TestPlugins.plugins();
    Plugins reversed =
        new Plugins(
            plugins.connectors().stream().toList().reversed(),
            plugins.processors().stream().toList().reversed());

    assertThat(PipelineReference.markdown(reversed)).isEqualTo(md);
  }

  @Test
  void saysSoWhenNoPluginsAreInstalled() {
    String bare = PipelineReference.markdown(new Plugins(List.of(), List.of()));

    assertThat(bare)
        .contains("No connectors are installed.")
        .contains("No processors are installed.");
    assertThat(bare).contains("No connectors are installed.");
  }
}
