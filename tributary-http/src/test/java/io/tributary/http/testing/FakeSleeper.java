package io.tributary.http.testing;

import io.tributary.http.internal.net.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Instead of sleeping, advances the fake clock and remembers each requested pause. */
public final class FakeSleeper implements Sleeper {
  private final FakeClock clock;
  private final List<Duration> sleeps = new ArrayList<>();

  public FakeSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration d) {
    synchronized (this) {
      sleeps.add(d);
    }
    clock.advance(d);
  }

  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  public synchronized Duration total() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
