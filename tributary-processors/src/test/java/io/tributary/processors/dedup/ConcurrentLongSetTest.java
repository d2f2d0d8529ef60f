package io.tributary.processors.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConcurrentLongSetTest {

  @Test
  void behavesLikeASetThroughManyGrowthSteps() {
    ConcurrentLongSet set = new ConcurrentLongSet();
    Set<Long> reference = new HashSet<>();
    SplittableRandom random = new SplittableRandom(7);

    for (int i = 0; i < 500_000; i++) {
      // a small range forces repeats; 0 and negative values are ordinary members
      long v = i % 3 == 0 ? random.nextLong(-1_000, 1_000) : Fingerprints.mix(random.nextLong());
      assertThat(set.add(v)).isEqualTo(reference.add(v));
    }

    assertThat(set.size()).isEqualTo(reference.size());
    assertThat(reference).allSatisfy(v -> assertThat(set.contains(v)).isTrue());
    assertThat(set.contains(0L)).isEqualTo(reference.contains(0L));
  }

  @Test
  void clearForgetsEverything() {
    ConcurrentLongSet set = new ConcurrentLongSet();
    set.add(0);
    set.add(42);

    set.clear();

    assertThat(set.size()).isZero();
    assertThat(set.add(42)).isTrue();
    assertThat(set.add(0)).isTrue();
  }

  @Test
  void fingerprintsSpreadOverEverySegment() {
    Set<Long> topBits = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      topBits.add(Fingerprints.of(1, "key-" + i) >>> 58);
    }

    assertThat(topBits).hasSize(ConcurrentLongSet.SEGMENTS);
  }
}
