/**
 * The engine: loads pipelines, finds plugins and runs pipelines into a store. It knows nothing of
 * the CLI or HTTP routes; the app module wires it.
 */
package io.tributary.engine;
