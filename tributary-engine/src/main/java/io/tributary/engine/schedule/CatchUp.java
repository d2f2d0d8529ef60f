package io.tributary.engine.schedule;

import java.util.Locale;

/**
 * What to do about fire times missed while the scheduler was not running (downtime, a paused
 * machine): {@code skip} them, run {@code run_once} for all of them, or {@code run_all} of them one
 * after the other, at most {@code max} (the newest ones).
 *
 * <p>A fire time that is late by less than the scheduler's grace period is not "missed": it fires
 * normally under every policy.
 *
 * @param mode the policy
 * @param max for {@link Mode#RUN_ALL}: the most missed runs to make up; at least 1
 */
public record CatchUp(Mode mode, int max) {
  /** The policies. */
  public enum Mode {
    SKIP,
    RUN_ONCE,
    RUN_ALL;

    /** The name in pipeline files and JSON, e.g. {@code run_once}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final int DEFAULT_MAX = 10;

  public CatchUp {
    if (mode == null) {
      throw new IllegalArgumentException("catch_up mode is required");
    }
    if (max < 1) {
      throw new IllegalArgumentException("catch_up_max must be at least 1 but was " + max);
    }
  }

  /**
   * Parses {@code skip}, {@code run_once} or {@code run_all}.
   *
   * @throws IllegalArgumentException saying what to write
   */
  public static CatchUp parse(String text, int max) {
    if (text == null) {
      return new CatchUp(Mode.RUN_ONCE, max);
    }
    return switch (text) {
      case "skip" -> new CatchUp(Mode.SKIP, max);
      case "run_once" -> new CatchUp(Mode.RUN_ONCE, max);
      case "run_all" -> new CatchUp(Mode.RUN_ALL, max);
      default ->
          throw new IllegalArgumentException(
              "'catch_up' must be one of skip, run_once, run_all (was: " + text + ")");
    };
  }

  /** How many runs to start for {@code missed} fire times that are older than the grace period. */
  int runsFor(int missed) {
    if (missed <= 0) {
      return 0;
    }
    return switch (mode) {
      case SKIP -> 0;
      case RUN_ONCE -> 1;
      case RUN_ALL -> Math.min(missed, max);
    };
  }
}
