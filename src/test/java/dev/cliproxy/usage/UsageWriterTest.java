package dev.cliproxy.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cliproxy.dialect.model.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches off the request path; a full queue drops and counts, never blocks. */
class UsageWriterTest {
  @TempDir Path dir;
  private UsageStore store;

  @BeforeEach
  void open() throws Exception {
    store = UsageStore.open(dir.resolve("usage.sqlite"));
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private static UsageRecord record(int n) {
    return Records.served(Instant.now(), "c", "m" + n, "x", new Usage(n, 0, 0, 1, 0));
  }

  @Test
  void queuedRecordsAreWrittenInBatchesOfAtMostTheBatchSize() throws Exception {
    UsageWriter writer = new UsageWriter(store, 100, 4, Duration.ofMinutes(1), () -> {});
    for (int n = 0; n < 10; n++) {
      assertThat(writer.offer(record(n))).isTrue();
    }
    assertThat(writer.counts().queued()).isEqualTo(10);

    writer.start();
    writer.flush();

    UsageWriter.Counts counts = writer.counts();
    assertThat(counts.written()).isEqualTo(10);
    assertThat(counts.batches()).as("10 records, batches of 4").isEqualTo(3);
    assertThat(counts.queued()).isZero();
    assertThat(store.count()).isEqualTo(10);
    writer.close();
  }

  @Test
  void aFullQueueDropsAndCountsWithoutWaiting() throws Exception {
    UsageWriter writer = new UsageWriter(store, 3, 10, Duration.ofMinutes(1), () -> {});
    // Not started: nothing drains the queue, so an offer that waited would hang this test.
    for (int n = 0; n < 5; n++) {
      writer.offer(record(n));
    }
    assertThat(writer.counts().dropped()).isEqualTo(2);
    assertThat(writer.counts().queued()).isEqualTo(3);

    writer.start();
    writer.flush();
    assertThat(store.count()).isEqualTo(3);
    assertThat(writer.offer(record(9))).as("room again").isTrue();
    writer.close();
  }

  @Test
  void closingWritesWhatIsQueuedAndLaterOffersAreDropped() throws Exception {
    UsageWriter writer = new UsageWriter(store, 100, 10, Duration.ofMinutes(1), () -> {});
    writer.start();
    writer.offer(record(1));
    writer.offer(record(2));
    writer.close();

    assertThat(store.count()).isEqualTo(2);
    assertThat(writer.offer(record(3))).isFalse();
    assertThat(writer.counts().dropped()).isEqualTo(1);
  }

  @Test
  void aWriterNeverStartedStillWritesOnClose() throws Exception {
    UsageWriter writer = new UsageWriter(store, 100, 10, Duration.ofMinutes(1), () -> {});
    writer.offer(record(1));
    writer.close();

    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void housekeepingRunsOnTheWriterThread() throws Exception {
    java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
    UsageWriter writer = new UsageWriter(store, 100, 10, Duration.ofMinutes(1), ran::countDown);
    writer.start();
    ran.await();
    writer.close();
  }
}
