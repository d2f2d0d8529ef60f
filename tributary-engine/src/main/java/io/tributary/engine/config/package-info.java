/**
 * Pipeline files: YAML with {@code ${VAR}} and {@code ${VAR:-default}} interpolation, {@code .env}
 * loading, validation that reports every problem with {@code file:line:column}, and the JSON Schema
 * generated from the same declarations.
 */
package io.tributary.engine.config;
