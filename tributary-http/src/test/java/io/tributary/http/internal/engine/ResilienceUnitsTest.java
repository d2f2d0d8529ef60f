package io.tributary.http.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.http.testing.FakeClock;
import io.tributary.http.testing.FakeSleeper;
import io.tributary.spi.RetriableException;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResilienceUnitsTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final FakeSleeper sleeper = new FakeSleeper(clock);

  @Test
  void aTokenBucketAllowsItsBurstThenPacesToItsRate() throws InterruptedException {
    TokenBucket bucket = new TokenBucket(4, 2, clock);

    for (int i = 0; i < 6; i++) {
      bucket.acquire(sleeper);
    }

    assertThat(sleeper.sleeps())
        .hasSize(4)
        .allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMillis(250)));
    assertThat(sleeper.total()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aTokenBucketRefillsWhileIdleButNotBeyondItsBurst() {
    TokenBucket bucket = new TokenBucket(1, 3, clock);
    bucket.reserve();
    bucket.reserve();
    bucket.reserve();
    clock.advance(Duration.ofHours(1));

    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void fullJitterBackoffStaysWithinTheExponentialCeilingAndTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
    SplittableRandom random = new SplittableRandom(1);
    for (int retry = 0; retry < 10; retry++) {
      long ceiling = Math.min(10_000, 1000L << retry);
      for (int i = 0; i < 200; i++) {
        assertThat(b.delay(retry, random).toMillis()).isBetween(0L, ceiling);
      }
    }
    long max = 0;
    for (int i = 0; i < 500; i++) {
      max = Math.max(max, b.delay(20, random).toMillis());
    }
    assertThat(max).as("jitter spreads delays up to the cap").isGreaterThan(8_000);
  }

  @Test
  void theCircuitBreakerOpensHalfOpensWithOneProbeAndCloses() {
    CircuitBreaker cb = new CircuitBreaker("acme", 3, Duration.ofMinutes(1), clock);
    cb.onFailure();
    cb.onFailure();
    cb.acquire();
    cb.onFailure();

    assertThat(cb.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(cb::acquire)
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("source 'acme' is skipped")
        .hasMessageContaining("after 3 consecutive failures");

    clock.advance(Duration.ofMinutes(1));
    cb.acquire();
    assertThatThrownBy(cb::acquire)
        .as("only one probe at a time")
        .isInstanceOf(RetriableException.class);
    cb.onFailure();
    assertThat(cb.state()).isEqualTo(CircuitBreaker.State.OPEN);

    clock.advance(Duration.ofMinutes(1));
    cb.acquire();
    cb.onSuccess();
    assertThat(cb.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    cb.acquire();
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    assertThat(RateGate.retryAfter("120", clock)).contains(Duration.ofSeconds(120));
    assertThat(RateGate.retryAfter("Wed, 01 Jan 2025 00:01:30 GMT", clock))
        .contains(Duration.ofSeconds(90));
    assertThat(RateGate.retryAfter("Tue, 31 Dec 2024 23:00:00 GMT", clock)).contains(Duration.ZERO);
    assertThat(RateGate.retryAfter("soon", clock)).isEmpty();
  }

  @Test
  void aRateGatePauseLongerThanTheMaximumWaitIsRefused() {
    RateGate gate = new RateGate("acme", clock);
    gate.pauseUntil(clock.instant().plusSeconds(600), "Retry-After");

    assertThatThrownBy(() -> gate.await(sleeper, Duration.ofMinutes(5)))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("rate limited until 2025-01-01T00:10:00Z");
  }

  @Test
  void quotaWindowsStartAtTheMinuteHourAndUtcDay() {
    Instant t = Instant.parse("2025-03-04T05:06:07Z");
    assertThat(
            HttpExecutor.windowStart(
                t, io.tributary.http.internal.manifest.Manifest.QuotaWindow.MINUTE))
        .isEqualTo(Instant.parse("2025-03-04T05:06:00Z"));
    assertThat(
            HttpExecutor.windowStart(
                t, io.tributary.http.internal.manifest.Manifest.QuotaWindow.HOUR))
        .isEqualTo(Instant.parse("2025-03-04T05:00:00Z"));
    assertThat(
            HttpExecutor.windowStart(
                t, io.tributary.http.internal.manifest.Manifest.QuotaWindow.DAY))
        .isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
  }
}
