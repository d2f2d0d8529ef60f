package io.tributary.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;

/** A command that reads the process environment, given by the command factory (testable). */
abstract class EnvCommand implements Callable<Integer>, EnvAware {
  /** The process environment; empty until the factory sets it. */
  protected Map<String, String> env = Map.of();

  @Override
  public final void setEnv(Map<String, String> env) {
    this.env = env;
  }
}
