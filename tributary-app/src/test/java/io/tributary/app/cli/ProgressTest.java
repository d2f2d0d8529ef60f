package io.tributary.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {
  @TempDir Path fds;

  private Path fd2PointingAt(String target) throws Exception {
    return Files.createSymbolicLink(fds.resolve("2"), Path.of(target));
  }

  @Test
  void aPseudoTerminalGetsTheProgressBar() throws Exception {
    assertThat(Progress.stderrIsTerminal(fd2PointingAt("/dev/pts/3"), "xterm-256color")).isTrue();
  }

  @Test
  void aRedirectedFileOrPipeDoesNot() throws Exception {
    assertThat(Progress.stderrIsTerminal(fd2PointingAt("/tmp/run.log"), "xterm")).isFalse();
    Files.delete(fds.resolve("2"));
    assertThat(Progress.stderrIsTerminal(fd2PointingAt("pipe:[123456]"), "xterm")).isFalse();
  }

  @Test
  void aDumbTerminalDoesNot() throws Exception {
    assertThat(Progress.stderrIsTerminal(fd2PointingAt("/dev/pts/3"), "dumb")).isFalse();
  }

  @Test
  void anUnreadableDescriptorCountsAsNoTerminal() {
    assertThat(Progress.stderrIsTerminal(fds.resolve("2"), "xterm")).isFalse();
  }
}
