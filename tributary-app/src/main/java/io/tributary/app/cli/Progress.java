package io.tributary.app.cli;

import io.tributary.engine.run.RunListener;
import io.tributary.spi.store.Counts;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A one-line progress display on stderr, only when stderr is a terminal. */
final class Progress implements RunListener {
  private final PrintStream err;
  private final Map<String, Counts> streams = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();
  private volatile long lastPrint;

  Progress(PrintStream err) {
    this.err = err;
  }

  static RunListener forTerminal(PrintStream err) {
    return stderrIsTerminal(Path.of("/proc/self/fd/2"), System.getenv("TERM"))
        ? new Progress(err)
        : RunListener.NONE;
  }

  /**
   * Whether stderr is a terminal, so that carriage returns redraw a line instead of ending up in a
   * redirected log. {@code System.console()} cannot tell: it looks at stdin and stdout, and since
   * JDK 22 it is non-null even when both are redirected. Where {@code /proc} exists (Linux) the
   * target of file descriptor 2 says it directly; elsewhere fall back to the console, asking it
   * {@code isTerminal()} on runtimes that have that method (it is not in the Java 21 API this
   * module compiles against).
   *
   * @param fd2 the link naming what file descriptor 2 is ({@code /proc/self/fd/2})
   * @param term the {@code TERM} variable; {@code dumb} means no cursor control
   */
  static boolean stderrIsTerminal(Path fd2, String term) {
    if ("dumb".equals(term)) {
      return false;
    }
    if (Files.isDirectory(fd2.getParent())) {
      try {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/")
            || target.startsWith("/dev/tty")
            || target.equals("/dev/console");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      MethodHandle isTerminal =
          MethodHandles.publicLookup()
              .findVirtual(Console.class, "isTerminal", MethodType.methodType(boolean.class));
      return (boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return true; // Java 21: a console exists only when stdin and stdout are a terminal
    } catch (Throwable e) {
      return false;
    }
  }

  @Override
  public void progress(String runId, String stream, Counts counts) {
    streams.put(stream, counts);
    long now = System.nanoTime();
    if (now - lastPrint < 200_000_000L) {
      return;
    }
    lastPrint = now;
    render();
  }

  @Override
  public void streamFinished(String runId, String stream, Counts counts, String error) {
    streams.put(stream, counts);
    render();
  }

  private synchronized void render() {
    long read = 0;
    long written = 0;
    long bad = 0;
    for (Counts c : streams.values()) {
      read += c.read();
      written += c.written();
      bad += c.quarantined();
    }
    double secs = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
    String bar = spinner((int) secs * 4);
    err.printf(
        "\r%s %d stream(s)  %,d read  %,d written  %,d quarantined  %,.0f rec/s   ",
        bar, streams.size(), read, written, bad, read / secs);
    err.flush();
  }

  void clear() {
    if (lastPrint != 0) {
      err.print("\r" + " ".repeat(100) + "\r");
      err.flush();
    }
  }

  private static String spinner(int i) {
    String frames = "|/-\\";
    return "[" + frames.charAt(Math.floorMod(i, frames.length())) + "]";
  }
}
