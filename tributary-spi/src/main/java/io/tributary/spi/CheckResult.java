package io.tributary.spi;

/**
 * The outcome of {@link Connector#check}.
 *
 * @param ok whether the connector could connect and authenticate
 * @param message what was checked or what to fix; never contains a secret
 */
public record CheckResult(boolean ok, String message) {
  public static CheckResult ok(String message) {
    return new CheckResult(true, message);
  }

  public static CheckResult failed(String message) {
    return new CheckResult(false, message);
  }
}
