package dev.cliproxy.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes request and error logs on its own thread, so that no request waits for the disk: entries
 * wait in a bounded queue (when it is full, an entry is dropped, and that is logged once), are
 * rendered and masked, and written owner-only under a temporary name then renamed. Before each file
 * goes in, the oldest request and error logs are deleted until it fits in the budget the settings
 * give ({@link LogBudget#requestLogBytes()}), and the oldest error logs beyond {@code
 * error-logs-max-files}. A write that fails (a full disk) is skipped and logged once until writes
 * work again; it never stops the proxy.
 */
final class RequestLogWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RequestLogWriter.class);
  private static final int QUEUE = 256;
  private static final int RESCAN_EVERY = 256;
  private static final int MIN_BODY_CAP = 1024;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
  private static final RequestLogEntry STOP =
      new RequestLogEntry(
          RequestLogEntry.Kind.REQUEST,
          "",
          Instant.EPOCH,
          Duration.ZERO,
          null,
          List.of(),
          null,
          null,
          RequestLogSettings.DEFAULTS);

  private final LogsDirectory dir;
  private final BlockingQueue<RequestLogEntry> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread thread;

  /** Our files by id (so oldest first) with their sizes; touched by the writer thread only. */
  private final TreeMap<String, Own> index = new TreeMap<>();

  private final KnownSecrets known = new KnownSecrets();

  private long indexed;
  private int errors;
  private int writesSinceScan = RESCAN_EVERY;
  private final Object progress = new Object();

  /**
   * Requests begun whose entry is neither written nor dropped yet; counted without a lock, since
   * every request begins one, and {@link #progress} is only notified when it reaches zero.
   */
  private final AtomicLong pending = new AtomicLong();

  private volatile boolean dropping;
  private boolean failing;

  private record Own(String name, long size) {}

  RequestLogWriter(LogsDirectory dir) {
    this.dir = dir;
    this.thread = new Thread(this::run, "request-logs");
    thread.setDaemon(true);
    thread.start();
  }

  /** A request that may hand in an entry has begun; {@link #drain} waits for it. */
  void begin() {
    pending.incrementAndGet();
  }

  /** A begun request hands in nothing. */
  void skip() {
    done();
  }

  /** Queues a begun request's entry to be written; drops it when the writer is that far behind. */
  void submit(RequestLogEntry entry) {
    if (queue.offer(entry)) {
      dropping = false;
      return;
    }
    done();
    if (!dropping) {
      dropping = true;
      log.warn(
          "request logs are written slower than requests come; dropping some until it"
              + " catches up");
    }
  }

  /**
   * Waits until every request begun so far has had its entry written, or dropped: for tests, which
   * read the files once the requests they sent are answered.
   */
  void drain() throws InterruptedException {
    synchronized (progress) {
      while (pending.get() > 0 && thread.isAlive()) {
        progress.wait(100);
      }
    }
  }

  private void done() {
    if (pending.decrementAndGet() == 0) {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /** Writes what is queued (for up to a few seconds), then stops the thread. */
  @Override
  public void close() {
    try {
      if (queue.offer(STOP, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        thread.join(CLOSE_WAIT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
  }

  private void run() {
    while (true) {
      RequestLogEntry entry;
      try {
        entry = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (entry == STOP) {
        return;
      }
      try {
        write(entry);
      } catch (RuntimeException e) {
        log.warn("could not write request log {}: {}", entry.fileName(), e.toString());
      }
      done();
    }
  }

  private void write(RequestLogEntry entry) {
    LogBudget budget = entry.settings().budget();
    int bodyCap =
        (int) Math.max(MIN_BODY_CAP, Math.min(BodyCapture.CAP, budget.requestLogBytes() / 8));
    byte[] text =
        RequestLogText.render(
                entry, bodyCap, entry.snapshot() == null ? List.of() : known.of(entry.snapshot()))
            .getBytes(StandardCharsets.UTF_8);
    if (text.length > budget.requestLogBytes()) {
      log.debug(
          "request log {} alone is larger than the logs cap allows; not written", entry.fileName());
      return;
    }
    Path target = dir.path().resolve(entry.fileName());
    Path part = dir.path().resolve("." + entry.fileName() + ".part");
    try {
      Files.createDirectories(dir.path());
      rescanNowAndThen();
      makeRoom(text.length, budget.requestLogBytes());
      if (entry.kind() == RequestLogEntry.Kind.ERROR) {
        keepErrors(entry.settings().errorLogsMaxFiles() - 1);
      }
      Files.write(
          Files.createFile(
              part,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
          text);
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      add(entry.id(), new Own(entry.fileName(), text.length));
      if (failing) {
        failing = false;
        log.info("request logs are written again to {}", dir.path());
      }
    } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
      log.debug("request log {} not written: {}", entry.fileName(), e.toString());
    } catch (IOException e) {
      deleteQuietly(part);
      if (!failing) {
        failing = true;
        log.warn(
            "cannot write request logs to {} ({}); skipping them until it works again",
            dir.path(),
            e.toString());
      }
    }
  }

  /** Scans the directory at first and every so many writes: files may go or come from outside. */
  private void rescanNowAndThen() throws IOException {
    if (++writesSinceScan < RESCAN_EVERY) {
      return;
    }
    writesSinceScan = 0;
    index.clear();
    indexed = 0;
    errors = 0;
    for (LogsDirectory.LogFile file : dir.ownFiles()) {
      Optional<String> id = LogFileNames.idOf(file.name());
      id.ifPresent(i -> add(i, new Own(file.name(), file.size())));
    }
  }

  private void makeRoom(long incoming, long budget) {
    while (!index.isEmpty() && indexed + incoming > budget) {
      remove(index.firstEntry());
    }
  }

  private void keepErrors(int kept) {
    for (Map.Entry<String, Own> e = index.firstEntry();
        e != null && errors > Math.max(0, kept);
        e = index.higherEntry(e.getKey())) {
      if (LogFileNames.isError(e.getValue().name())) {
        remove(e);
      }
    }
  }

  private void add(String id, Own own) {
    Own previous = index.put(id, own);
    if (previous != null) {
      indexed -= previous.size();
      errors -= LogFileNames.isError(previous.name()) ? 1 : 0;
    }
    indexed += own.size();
    errors += LogFileNames.isError(own.name()) ? 1 : 0;
  }

  private void remove(Map.Entry<String, Own> e) {
    index.remove(e.getKey());
    indexed -= e.getValue().size();
    errors -= LogFileNames.isError(e.getValue().name()) ? 1 : 0;
    deleteQuietly(dir.path().resolve(e.getValue().name()));
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("could not delete {}: {}", file, e.toString());
    }
  }
}
