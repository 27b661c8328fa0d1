package dev.fairway.benchmarks.reliability;

import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Measures {@link JsonLinesConsentStore} appends under {@link FsyncPolicy#EVERY_APPEND} and
 * {@link FsyncPolicy#GROUP_COMMIT} from 1 and 8 threads: acknowledged appends per second and the
 * p50/p99 acknowledgement latency (from calling {@code append} to its return, which is after the sync).
 * A harness rather than JMH because the figure of interest is the latency distribution of many threads
 * sharing one file and one sync.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.fairway.benchmarks.reliability.GroupCommitHarness [dir] [seconds]}
 * (the directory must be on the device to measure, not a tmpfs).
 *
 * <p>Thread-safety: a command-line program.
 */
public final class GroupCommitHarness {
    private GroupCommitHarness() {
    }

    /**
     * Runs the measurements and prints one line per policy and thread count.
     *
     * @param args optional directory and seconds per run
     * @throws Exception if the files cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Files.createDirectories(dir);
        System.out.println("policy        threads  acked/s   p50 ms   p99 ms   appends");
        for (FsyncPolicy policy : new FsyncPolicy[] {FsyncPolicy.EVERY_APPEND, FsyncPolicy.GROUP_COMMIT}) {
            for (int threads : new int[] {1, 8}) {
                run(dir, policy, threads, 1); // warm-up
                run(dir, policy, threads, seconds);
            }
        }
    }

    private static void run(Path dir, FsyncPolicy policy, int threads, int seconds) throws Exception {
        Path file = Files.createTempFile(dir, "group-commit-", ".jsonl");
        Files.delete(file);
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        CountDownLatch start = new CountDownLatch(1);
        long durationNanos = seconds * 1_000_000_000L;
        long elapsed;
        try (JsonLinesConsentStore store = JsonLinesConsentStore.open(file, policy)) {
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers[t] = new Thread(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long end = System.nanoTime() + durationNanos;
                    Instant t0 = Instant.parse("2026-04-01T08:00:00Z");
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        store.append(new ConsentEvent("subject-" + id + "-" + n, "measurement", ConsentState.GIVEN,
                                LawfulBasis.CONSENT, false, t0, t0, null, "v1", ConsentSource.DIRECT, "EU", null, 0));
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = System.nanoTime() - before;
                    }
                    latencies[id] = lat;
                    counts[id] = n;
                });
                workers[t].start();
            }
            long begin = System.nanoTime();
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            elapsed = System.nanoTime() - begin;
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        Files.deleteIfExists(file);
        if (seconds > 1) {
            System.out.printf(Locale.ROOT, "%-13s %7d %8.0f %8.3f %8.3f %9d%n", policy, threads,
                    total / (elapsed / 1e9), percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, total);
        }
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no appends measured");
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

}
