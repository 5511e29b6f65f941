package dev.cliproxy.usage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes usage records to the store on one thread of its own, in batches (one transaction each), so
 * that a request only ever pays for an enqueue. The queue is bounded: when it is full a record is
 * dropped and counted ({@link Counts#dropped}), never waited for. Between batches the thread runs
 * the housekeeping it was given, at most once per tick.
 */
public final class UsageWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UsageWriter.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  /** What the thread takes from the queue. */
  private sealed interface Task {}

  private record Write(UsageRecord record) implements Task {}

  private record Flush(CountDownLatch done) implements Task {}

  private record Stop() implements Task {}

  /**
   * What the writer has done so far.
   *
   * @param written records added to the store
   * @param dropped records refused because the queue was full (or the writer closed)
   * @param lost records of batches the store could not write
   * @param batches transactions written
   * @param queued records waiting now
   */
  public record Counts(long written, long dropped, long lost, long batches, int queued) {}

  private final UsageStore store;
  private final BlockingQueue<Task> queue;
  private final int batchSize;
  private final Duration tick;
  private final Runnable housekeeping;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  /**
   * A writer, not started yet (records offered before {@link #start} wait in the queue).
   *
   * @param capacity how many records may wait; more are dropped
   * @param batchSize the most records written in one transaction
   * @param tick how often {@code housekeeping} runs while the thread is otherwise idle
   */
  public UsageWriter(
      UsageStore store, int capacity, int batchSize, Duration tick, Runnable housekeeping) {
    if (capacity < 1 || batchSize < 1) {
      throw new IllegalArgumentException("capacity and batch size must be positive");
    }
    this.store = store;
    // One more slot than records may use, so a flush or stop always fits.
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
    this.batchSize = batchSize;
    this.tick = tick;
    this.housekeeping = housekeeping;
    this.thread = Thread.ofPlatform().name("usage-writer").daemon().unstarted(this::run);
  }

  /** Starts the thread. */
  public void start() {
    thread.start();
  }

  /**
   * Queues a record without waiting: false (and counted as dropped) when the queue is full or the
   * writer is closed.
   */
  public boolean offer(UsageRecord record) {
    // remainingCapacity() > 1 keeps the last slot for a flush or stop.
    if (closed || queue.remainingCapacity() <= 1 || !queue.offer(new Write(record))) {
      long count = dropped.incrementAndGet();
      if (count == 1 || count % 1000 == 0) {
        log.warn(
            "usage queue full: {} record(s) dropped so far (the database is slower than the"
                + " traffic)",
            count);
      }
      return false;
    }
    return true;
  }

  /** Waits until every record queued before this call is written (or lost). */
  public void flush() throws InterruptedException {
    if (closed || !thread.isAlive()) {
      return;
    }
    Flush flush = new Flush(new CountDownLatch(1));
    queue.put(flush);
    flush.done().await();
  }

  /** The counts so far. */
  public Counts counts() {
    return new Counts(written.get(), dropped.get(), lost.get(), batches.get(), queuedRecords());
  }

  private int queuedRecords() {
    return (int) queue.stream().filter(task -> task instanceof Write).count();
  }

  /** Writes what is queued, then stops the thread; later offers are dropped. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!thread.isAlive()) {
      drainInline();
      return;
    }
    try {
      queue.put(new Stop());
      thread.join(CLOSE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn(
          "usage writer still busy after {}; {} record(s) not written",
          CLOSE_WAIT,
          queuedRecords());
    }
  }

  /** A writer that was never started still writes what it was given when closed. */
  private void drainInline() {
    List<Task> rest = new ArrayList<>();
    queue.drainTo(rest);
    write(rest);
  }

  private void run() {
    long nextHousekeeping = 0;
    List<Task> batch = new ArrayList<>(batchSize);
    boolean stop = false;
    while (!stop) {
      try {
        long now = System.nanoTime();
        if (now - nextHousekeeping >= 0) {
          housekeep();
          nextHousekeeping = now + tick.toNanos();
        }
        Task first = queue.poll(Math.max(1, nextHousekeeping - now), TimeUnit.NANOSECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        stop = batch.stream().anyMatch(task -> task instanceof Stop);
        if (stop) {
          queue.drainTo(batch);
        }
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        stop = true;
      } catch (RuntimeException e) {
        log.warn("usage writer: {}", e.toString());
      }
    }
  }

  private void housekeep() {
    try {
      housekeeping.run();
    } catch (RuntimeException e) {
      log.warn("usage housekeeping: {}", e.toString());
    }
  }

  /** Writes the records of {@code tasks} in batches, then releases the flushes among them. */
  private void write(List<Task> tasks) {
    List<UsageRecord> records = new ArrayList<>();
    for (Task task : tasks) {
      if (task instanceof Write write) {
        records.add(write.record());
      }
    }
    for (int from = 0; from < records.size(); from += batchSize) {
      List<UsageRecord> chunk = records.subList(from, Math.min(records.size(), from + batchSize));
      try {
        written.addAndGet(store.insert(chunk));
        batches.incrementAndGet();
      } catch (SQLException e) {
        lost.addAndGet(chunk.size());
        log.warn("usage: could not write {} record(s): {}", chunk.size(), e.toString());
      }
    }
    for (Task task : tasks) {
      if (task instanceof Flush flush) {
        flush.done().countDown();
      }
    }
  }
}
