package io.tributary.engine.run;

import java.security.SecureRandom;
import java.time.Clock;

/** Run ids shaped like UUIDv7: the first 48 bits are the start time, so ids sort by time. */
public final class RunIds {
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public RunIds(Clock clock) {
    this.clock = clock;
  }

  public String next() {
    long ms = clock.millis();
    long rand1 = random.nextLong();
    long rand2 = random.nextLong();
    long hi = (ms << 16) | 0x7000L | (rand1 & 0x0FFFL);
    long lo = (rand2 & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(hi, lo).toString();
  }
}
