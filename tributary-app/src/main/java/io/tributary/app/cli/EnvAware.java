package io.tributary.app.cli;

import java.util.Map;

/** A command that reads the process environment (given by the factory, for testability). */
interface EnvAware {
  void setEnv(Map<String, String> env);
}
