package io.tributary.app.cli;

import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: version, git commit and the Java runtime. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() throws Exception {
    Properties p = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/io/tributary/app/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    String commit = p.getProperty("commit", "unknown");
    if (commit.isBlank() || commit.startsWith("${")) {
      commit = "unknown";
    }
    return new String[] {
      "tributary " + p.getProperty("version", "unknown"),
      "commit " + commit,
      "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
