package io.tributary.app.cli;

import io.tributary.engine.run.RunListener;
import io.tributary.spi.store.Counts;
import java.io.PrintStream;
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
    return System.console() != null ? new Progress(err) : RunListener.NONE;
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
