/**
 * The HTTP engine: one {@link io.tributary.http.internal.engine.ManifestConnector} per run, whose
 * {@link io.tributary.http.internal.engine.StreamReader} expands partitions and pages through them,
 * and whose {@link io.tributary.http.internal.engine.HttpExecutor} makes every request polite
 * (token buckets, quotas, rate-limit headers) and resilient (retries with backoff, circuit
 * breaker). Time, waiting and randomness are injected through {@link
 * io.tributary.http.internal.engine.HttpRuntime}.
 */
package io.tributary.http.internal.engine;
