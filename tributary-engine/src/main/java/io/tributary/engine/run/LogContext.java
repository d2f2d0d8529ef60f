package io.tributary.engine.run;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * Carries the logging MDC ({@code run_id}, {@code pipeline}, {@code stream}, …) from the thread
 * that starts work to the threads that do it: a stream's reader and dispatcher threads and the
 * shared processor pool do not inherit it by themselves. Each wrapped task runs with the captured
 * context and restores the thread's own afterwards (pool threads are reused).
 */
final class LogContext {
  private LogContext() {}

  /** The current context plus {@code extra} (null values are left out). */
  static Map<String, String> current(Map<String, String> extra) {
    Map<String, String> ctx = MDC.getCopyOfContextMap();
    Map<String, String> out = ctx == null ? new HashMap<>() : new HashMap<>(ctx);
    extra.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, v);
          }
        });
    return out;
  }

  static Runnable wrap(Runnable task) {
    return wrap(current(Map.of()), task);
  }

  static Runnable wrap(Map<String, String> context, Runnable task) {
    return () -> {
      Map<String, String> before = MDC.getCopyOfContextMap();
      MDC.setContextMap(context);
      try {
        task.run();
      } finally {
        restore(before);
      }
    };
  }

  static <T> Callable<T> wrap(Callable<T> task) {
    return wrap(current(Map.of()), task);
  }

  static <T> Callable<T> wrap(Map<String, String> context, Callable<T> task) {
    return () -> {
      Map<String, String> before = MDC.getCopyOfContextMap();
      MDC.setContextMap(context);
      try {
        return task.call();
      } finally {
        restore(before);
      }
    };
  }

  private static void restore(Map<String, String> before) {
    if (before == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(before);
    }
  }
}
