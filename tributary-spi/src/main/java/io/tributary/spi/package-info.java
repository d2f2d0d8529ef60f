/**
 * The Tributary plugin contract.
 *
 * <p>Connectors ({@link io.tributary.spi.Connector}) read {@link io.tributary.spi.Record records}
 * and {@link io.tributary.spi.Checkpoint checkpoints} from one external system; processors ({@link
 * io.tributary.spi.Processor}) pass, drop or reject each record; a {@link
 * io.tributary.spi.store.Store} keeps records, run history, cursor state and quarantine. Plugins
 * compile against this package and nothing else of Tributary, and are found with {@link
 * java.util.ServiceLoader} through {@link io.tributary.spi.ConnectorProvider} and {@link
 * io.tributary.spi.ProcessorProvider}.
 *
 * <p>Record payloads are plain JSON-shaped Java values: {@code Map<String,Object>} (insertion
 * ordered), {@code List<Object>}, {@code String}, {@code Long}, {@code Double}, {@code BigDecimal},
 * {@code BigInteger}, {@code Boolean} and {@code null}. Treat every payload handed to you as
 * immutable; return a new record when you change one.
 */
package io.tributary.spi;
