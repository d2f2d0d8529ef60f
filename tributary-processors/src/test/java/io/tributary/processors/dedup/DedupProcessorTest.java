package io.tributary.processors.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ProcessResult;
import io.tributary.spi.Processor;
import io.tributary.spi.ProcessorContext;
import io.tributary.spi.Record;
import io.tributary.spi.StreamSpec;
import io.tributary.spi.config.Config;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DedupProcessorTest {

  private static Processor processor(String mode) {
    Map<String, Object> raw = mode == null ? Map.of() : Map.of("mode", mode);
    return new DedupProcessorProvider()
        .create(
            Config.of(new DedupProcessorProvider().spec(), raw),
            new ProcessorContext(
                "demo",
                StreamSpec.of("posts", List.of("id")),
                null,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
  }

  private static Record stamped(String key, String hash) {
    return Record.of("posts", Map.of("k", String.valueOf(key)), "posts.jsonl:1")
        .stamped(Instant.EPOCH, key, hash);
  }

  private static boolean passes(Processor p, Record r) {
    return p.process(r) instanceof ProcessResult.Pass;
  }

  @Test
  void exactModeIsTheDefaultAndDropsOnlySameKeyAndSameContent() {
    Processor p = processor(null);

    assertThat(passes(p, stamped("1", "h1"))).isTrue();
    assertThat(p.process(stamped("1", "h1")))
        .isEqualTo(
            ProcessResult.duplicate("same key '1' and content as an earlier record in this run"));
    assertThat(passes(p, stamped("1", "h2"))).isTrue();
    assertThat(passes(p, stamped("2", "h1"))).isTrue();
    assertThat(passes(p, stamped("2", "h1"))).isFalse();
  }

  @Test
  void keyModeKeepsOnlyTheFirstRecordPerKey() {
    Processor p = processor("key");

    assertThat(passes(p, stamped("1", "h1"))).isTrue();
    assertThat(p.process(stamped("1", "h2")))
        .isEqualTo(ProcessResult.duplicate("same key '1' as an earlier record in this run"));
    assertThat(passes(p, stamped("2", "h1"))).isTrue();
  }

  @Test
  void contentModeDropsSameContentWhateverTheKey() {
    Processor p = processor("content");

    assertThat(passes(p, stamped("1", "h1"))).isTrue();
    assertThat(p.process(stamped("2", "h1")))
        .isEqualTo(ProcessResult.duplicate("same content as an earlier record in this run"));
    assertThat(passes(p, stamped("1", "h2"))).isTrue();
  }

  @Test
  void keyAndHashDoNotRunTogether() {
    Processor p = processor("exact");

    assertThat(passes(p, stamped("ab", "c"))).isTrue();
    assertThat(passes(p, stamped("a", "bc"))).isTrue();
  }

  @Test
  void unstampedRecordsAreJudgedByWhatTheyHave() {
    Processor exact = processor("exact");
    Record bare = Record.of("posts", Map.of("a", 1L), "x");

    assertThat(passes(exact, bare)).isTrue();
    assertThat(passes(exact, bare)).isTrue();
    assertThat(passes(exact, stamped(null, "h"))).isTrue();
    assertThat(passes(exact, stamped(null, "h"))).isFalse();
  }

  @Test
  void unknownModeIsAConfigError() {
    assertThatThrownBy(() -> processor("fuzzy"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'mode' must be one of exact, key, content");
  }

  @Test
  void concurrentThreadsLetExactlyOneRecordPerKeyPass() throws Exception {
    int threads = 8;
    int keys = 20_000;
    Processor p = processor("key");
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      records.add(stamped("key-" + i, "hash-" + (i % 100)));
    }
    Map<String, AtomicInteger> passedPerKey = new ConcurrentHashMap<>();
    AtomicLong duplicates = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Record> mine = new ArrayList<>(records);
        Collections.shuffle(mine, new Random(t));
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (Record r : mine) {
                    ProcessResult result = p.process(r);
                    if (result instanceof ProcessResult.Pass) {
                      passedPerKey
                          .computeIfAbsent(r.key(), k -> new AtomicInteger())
                          .incrementAndGet();
                    } else if (result instanceof ProcessResult.Drop d
                        && d.category().equals(ProcessResult.DUPLICATE)) {
                      duplicates.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(passedPerKey).hasSize(keys);
    assertThat(passedPerKey.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(duplicates.get()).isEqualTo((long) keys * (threads - 1));
    assertThat(((DedupProcessor) p).distinct()).isEqualTo(keys);
  }
}
