/**
 * Pipeline files: YAML with {@code ${VAR}} and {@code ${VAR:-default}} interpolation, {@code .env}
 * loading, validation that reports every problem with {@code file:line:column}, and the JSON Schema
 * and Markdown reference generated from the same declarations.
 *
 * <pre>{@code
 * PipelineLoader loader = new PipelineLoader(plugins, System.getenv());
 * PipelineConfig pipeline = loader.load(Path.of("pipelines/reddit.yaml")); // ConfigException lists every problem
 * Map<String, Object> schema = PipelineSchema.generate(plugins);            // docs/schema/pipeline.schema.json
 * String reference = PipelineReference.markdown(plugins);                   // docs/pipeline.md
 * }</pre>
 *
 * <p>Public: {@link io.tributary.engine.config.PipelineLoader}, {@link
 * io.tributary.engine.config.PipelineSchema}, {@link io.tributary.engine.config.PipelineReference}
 * and the records a load produces ({@link io.tributary.engine.config.PipelineConfig} and its
 * parts). Everything else here is package-private: the YAML reader that keeps positions, the
 * interpolator and {@code .env} parser, and the declaration tree that drives validation, the schema
 * and the reference alike. Plugin configurations in the records are unmodifiable maps whose {@code
 * toString} masks secret fields.
 */
package io.tributary.engine.config;
