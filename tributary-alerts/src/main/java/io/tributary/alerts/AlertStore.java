package io.tributary.alerts;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where alerts, their history and the rules' state live, so that they survive restarts.
 *
 * <p>Implementations are thread-safe: the alerting engine, the delivery workers and API callers
 * ({@code ack}, {@code list}) use one store at once. {@link #update} and {@link #atomically} make
 * read-modify-write sequences atomic. {@link FileAlertStore} keeps everything in one JSON file;
 * {@link #inMemory()} keeps nothing across restarts (for one-off runs and tests).
 */
public interface AlertStore extends AutoCloseable {

  /** A store that lives in memory only. */
  static AlertStore inMemory() {
    return FileAlertStore.memory(FileAlertStore.DEFAULT_KEEP_RESOLVED);
  }

  Optional<Alert> get(String id);

  /** Alerts matching {@code query}, newest first. */
  List<Alert> list(AlertQuery query);

  /** Every alert with a delivery still {@link DeliveryState#PENDING}. */
  List<Alert> withPendingDeliveries();

  /** Inserts or replaces an alert. */
  void put(Alert alert);

  /**
   * Replaces the alert {@code id} by {@code change} applied to it, atomically.
   *
   * @return the new alert, or empty when there is no alert {@code id}
   */
  Optional<Alert> update(String id, UnaryOperator<Alert> change);

  Optional<RuleState> state(String key);

  /** Every rule state whose key starts with {@code prefix}. */
  List<RuleState> states(String prefix);

  void putState(RuleState state);

  void removeState(String key);

  /**
   * Runs {@code work} so that no other thread's change interleaves with it and, for durable stores,
   * its changes are written once at the end. Calls may nest.
   */
  void atomically(Runnable work);

  /** Releases files and locks. Further calls fail. */
  @Override
  void close();
}
