package io.tributary.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real application jar as a child process, as a user would. */
final class CliProcess {
  static final Path JAR = Path.of("target", "tributary.jar");

  record Result(int exitCode, String stdout, String stderr) {}

  private CliProcess() {}

  static ProcessBuilder builder(Path workDir, Map<String, String> env, String... args) {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: run the package phase first");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Xmx1g");
    cmd.add("-jar");
    cmd.add(JAR.toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().remove("TRIBUTARY_FAILPOINTS");
    pb.environment().remove("TRIBUTARY_HOME");
    pb.environment().putAll(env);
    return pb;
  }

  static Result run(Path workDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("tributary-out", ".txt");
    Path err = Files.createTempFile("tributary-err", ".txt");
    try {
      Process p =
          builder(workDir, env, args)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("tributary " + String.join(" ", args) + " hung");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
