package io.tributary.spi.config;

/**
 * One thing wrong with a configuration.
 *
 * @param location {@code file:line:column} when known, else {@code null}
 * @param path the key's path, e.g. {@code source.config.format}
 * @param value the offending value as the user wrote it (masked if secret), or {@code null}
 * @param message what is wrong and what to do
 */
public record ConfigProblem(String location, String path, String value, String message) {

  public static ConfigProblem at(String path, Object value, String message) {
    return new ConfigProblem(null, path, value == null ? null : String.valueOf(value), message);
  }

  public ConfigProblem withLocation(String newLocation) {
    return new ConfigProblem(newLocation, path, value, message);
  }

  public ConfigProblem withPathPrefix(String prefix) {
    String p = path == null || path.isEmpty() ? prefix : prefix + "." + path;
    return new ConfigProblem(location, p, value, message);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (location != null) {
      sb.append(location).append(": ");
    }
    if (path != null && !path.isEmpty()) {
      sb.append(path).append(": ");
    }
    sb.append(message);
    if (value != null) {
      sb.append(" (was: ").append(value).append(')');
    }
    return sb.toString();
  }
}
