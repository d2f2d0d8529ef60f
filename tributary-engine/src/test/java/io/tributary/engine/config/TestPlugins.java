package io.tributary.engine.config;

import io.tributary.engine.Plugins;
import io.tributary.spi.Connector;
import io.tributary.spi.ConnectorContext;
import io.tributary.spi.ConnectorProvider;
import io.tributary.spi.ProcessResult;
import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.ProcessorProvider;
import io.tributary.spi.config.Config;
import io.tributary.spi.config.ConfigField;
import io.tributary.spi.config.ConfigSpec;
import io.tributary.spi.config.FieldType;
import java.util.List;

/**
 * Test-only plugins whose specs exercise the loader: a {@code file} connector with a required
 * {@code path} and a secret {@code api_key}, an {@code http} connector, a {@code range} processor
 * with numeric fields and a {@code dedup} processor. Only their specs are used here; creating them
 * is not supported.
 */
final class TestPlugins {
  private TestPlugins() {}

  static Plugins plugins() {
    return new Plugins(
        List.of(new FileConnector(), new HttpConnector()),
        List.of(new RangeProcessor(), new DedupProcessor()));
  }

  static final class FileConnector implements ConnectorProvider {
    @Override
    public String name() {
      return "file";
    }

    @Override
    public String description() {
      return "Reads JSONL, JSON or CSV files.";
    }

    @Override
    public ConfigSpec spec() {
      return ConfigSpec.of(
          "Files matching a glob, read in name order.",
          ConfigField.string("path")
              .asRequired()
              .describe("Glob of input files, relative to the pipeline file.")
              .example("data/*.jsonl"),
          ConfigField.string("format")
              .oneOf("jsonl", "json", "csv")
              .defaultsTo("jsonl")
              .describe("The files' format."),
          ConfigField.string("api_key").asSecret().describe("A key for the file server."),
          ConfigField.stringList("primary_key").describe("The fields that identify a record."),
          ConfigField.integer("max_records").atLeast(1).describe("Stop after this many records."),
          ConfigField.bool("follow").defaultsTo(false).describe("Keep reading appended lines."));
    }

    @Override
    public Connector create(ConnectorContext context) {
      throw new UnsupportedOperationException("the config tests only use the spec");
    }
  }

  static final class HttpConnector implements ConnectorProvider {
    @Override
    public String name() {
      return "http";
    }

    @Override
    public String kind() {
      return "manifest";
    }

    @Override
    public String description() {
      return "Reads a JSON API.";
    }

    @Override
    public ConfigSpec spec() {
      return ConfigSpec.of(
          "",
          ConfigField.string("base_url").asRequired().describe("The API's root URL."),
          ConfigField.string("token").asSecret().describe("A bearer token | sent as a header."));
    }

    @Override
    public Connector create(ConnectorContext context) {
      throw new UnsupportedOperationException("the config tests only use the spec");
    }
  }

  static final class RangeProcessor implements ProcessorProvider {
    @Override
    public String name() {
      return "range";
    }

    @Override
    public String description() {
      return "Quarantines records whose field lies outside [min, max].";
    }

    @Override
    public ConfigSpec spec() {
      return ConfigSpec.of(
          "",
          ConfigField.string("field").asRequired().describe("The field to check."),
          ConfigField.of("min", FieldType.NUMBER).describe("The smallest accepted value."),
          ConfigField.of("max", FieldType.NUMBER).describe("The largest accepted value."),
          ConfigField.of("rules", FieldType.LIST).describe("Further rules."));
    }

    @Override
    public Processor create(Config config, ProcessorContext context) {
      return ProcessResult::pass;
    }
  }

  static final class DedupProcessor implements ProcessorProvider {
    @Override
    public String name() {
      return "dedup";
    }

    @Override
    public String description() {
      return "Drops records whose key was seen before.";
    }

    @Override
    public ConfigSpec spec() {
      return ConfigSpec.of(
          "",
          ConfigField.stringList("key").asRequired().describe("The fields forming the key."),
          ConfigField.string("secret_salt").asSecret().describe("Salt for hashing the key."));
    }

    @Override
    public Processor create(Config config, ProcessorContext context) {
      return ProcessResult::pass;
    }
  }
}
