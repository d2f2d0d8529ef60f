package io.tributary.engine.schedule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** Collects submitted runs; the test decides when each one executes (on the test's thread). */
final class ManualExecutor implements Executor {
  private final Deque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    tasks.addLast(task);
  }

  synchronized int pending() {
    return tasks.size();
  }

  /** Runs the oldest submitted run to its end. */
  void runNext() {
    Runnable t;
    synchronized (this) {
      t = tasks.pollFirst();
    }
    if (t == null) {
      throw new AssertionError("no run was started");
    }
    t.run();
  }

  /** Runs submitted runs (including those they cause to start) until none is left. */
  void runAll() {
    while (pending() > 0) {
      runNext();
    }
  }
}
