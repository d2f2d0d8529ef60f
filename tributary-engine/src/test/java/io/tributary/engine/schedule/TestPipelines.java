package io.tributary.engine.schedule;

import io.tributary.engine.Plugins;
import io.tributary.engine.config.PipelineLoader;
import io.tributary.spi.CheckResult;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipeline files for scheduler tests, loaded by the real {@link PipelineLoader} with two test
 * connectors ({@code alpha} and {@code beta}, so that per-source caps can be tested) that emit
 * {@code count} records of one stream {@code items}.
 */
final class TestPipelines {
  private final Path dir;

  TestPipelines(Path dir) {
    this.dir = dir;
  }

  static Plugins plugins() {
    return new Plugins(List.of(new Counting("alpha"), new Counting("beta")), List.of());
  }

  PipelineDirectory directory() {
    PipelineLoader loader = new PipelineLoader(plugins(), Map.of());
    return new PipelineDirectory(dir, loader::load);
  }

  /** Writes {@code NAME.yaml} with the given source and extra top-level YAML. */
  Path write(String name, String connector, String extra) {
    String yaml =
        "name: "
            + name
            + "\nsource:\n  connector: "
            + connector
            + "\n  config:\n    count: 3\n"
            + (extra == null ? "" : extra);
    return writeRaw(name + ".yaml", yaml);
  }

  Path writeRaw(String fileName, String text) {
    try {
      return Files.writeString(dir.resolve(fileName), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete(String fileName) {
    try {
      Files.delete(dir.resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Emits {@code count} records {id: i} to stream {@code items}. */
  static final class Counting implements ConnectorProvider {
    private final String name;

    Counting(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "Counts from 0.";
    }

    @Override
    public ConfigSpec spec() {
      return ConfigSpec.of(
          "", ConfigField.integer("count").atLeast(0).defaultsTo(3L).describe("How many."));
    }

    @Override
    public Connector create(ConnectorContext context) {
      return new Connector() {
        @Override
        public CheckResult check(Config config) {
          return CheckResult.ok("ok");
        }

        @Override
        public List<StreamSpec> discover(Config config) {
          return List.of(StreamSpec.of("items", List.of("id")));
        }

        @Override
        public void read(StreamSpec stream, Config config, Map<String, Object> state, Emitter e) {
          long n = config.integer("count", 3);
          for (long i = 0; i < n; i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", i);
            e.emit(Record.of("items", data, "test:" + i));
          }
        }
      };
    }
  }
}
