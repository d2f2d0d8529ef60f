package io.tributary.spi;

import io.tributary.spi.config.ConfigProblem;
import java.util.List;

/** The configuration is wrong. Carries every problem found, not just the first. */
public class ConfigException extends TributaryException {
  private final List<ConfigProblem> problems;

  public ConfigException(String message) {
    this(message, List.of());
  }

  public ConfigException(String message, List<ConfigProblem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  public ConfigException(List<ConfigProblem> problems) {
    this(summary(problems), problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String summary(List<ConfigProblem> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
    for (ConfigProblem p : problems) {
      sb.append(System.lineSeparator()).append("  ").append(p);
    }
    return sb.toString();
  }
}
