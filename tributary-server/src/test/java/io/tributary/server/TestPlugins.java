package io.tributary.server;

import io.tributary.engine.Plugins;
import io.tributary.spi.CheckResult;
import io.tributary.spi.Checkpoint;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.Emitter;
import io.tributary.spi.Record;
import io.tributary.spi.RejectedInput;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Connectors for API tests: {@code alpha} emits {@code count} records and {@code bad} rejected
 * inputs to stream {@code items}; {@code gate} emits {@code count} records, checkpoints, then waits
 * until the test opens its gate or the run is cancelled.
 */
final class TestPlugins {
  final CountDownLatch gate = new CountDownLatch(1);

  /** The logging MDC each connector read ran with, as the read thread saw it. */
  static final java.util.List<Map<String, String>> READ_MDC =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  Plugins plugins() {
    return new Plugins(List.of(new Counting("alpha", null), new Counting("gate", gate)), List.of());
  }

  static final class Counting implements ConnectorProvider {
    private final String name;
    private final CountDownLatch gate;

    Counting(String name, CountDownLatch gate) {
      this.name = name;
      this.gate = gate;
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
          "",
          ConfigField.integer("count").atLeast(0).defaultsTo(3L).describe("How many records."),
          ConfigField.integer("bad").atLeast(0).defaultsTo(0L).describe("How many rejects."),
          ConfigField.string("token").asSecret().describe("A secret that must never show."));
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
          Map<String, String> mdc = org.slf4j.MDC.getCopyOfContextMap();
          READ_MDC.add(mdc == null ? Map.of() : mdc);
          long n = config.integer("count", 3);
          for (long i = 0; i < n; i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", i);
            e.emit(Record.of("items", data, "test:" + i));
          }
          for (long i = 0; i < config.integer("bad", 0); i++) {
            e.reject(new RejectedInput("items", "{broken", "test:bad" + i, "not JSON"));
          }
          e.checkpoint(new Checkpoint("items", Map.of("n", n)));
          if (gate != null) {
            try {
              while (!gate.await(20, TimeUnit.MILLISECONDS)) {
                if (e.isCancelled()) {
                  return;
                }
              }
            } catch (InterruptedException ex) {
              Thread.currentThread().interrupt();
            }
          }
        }
      };
    }
  }
}
