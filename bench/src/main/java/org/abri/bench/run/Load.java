package org.abri.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Runs one operation from a number of concurrent clients: a warm-up whose timings are thrown
 * away, then a fixed duration whose latencies go into one histogram. An operation that throws
 * counts as an error (and its time is not recorded).
 */
final class Load {

    /** One call; {@code pick} varies the input. Throws on any answer that is not a success. */
    interface Operation {
        void run(int pick) throws Exception;
    }

    /** Latencies in microseconds, calls that succeeded, calls that failed, wall time in seconds. */
    record Result(Histogram latencies, long ok, long errors, double seconds, String firstError) {

        double p(double percentile) {
            return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
        }

        double perSecond() {
            return ok / seconds;
        }
    }

    private Load() {
    }

    static Result run(int clients, double warmupSeconds, double seconds, Operation operation) throws InterruptedException {
        phase(clients, warmupSeconds, operation);
        return phase(clients, seconds, operation);
    }

    private static Result phase(int clients, double seconds, Operation operation) throws InterruptedException {
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Histogram histogram = new Histogram(60_000_000L, 3);
            histograms.add(histogram);
            int offset = t * 7919;
            Thread thread = new Thread(() -> {
                int pick = offset;
                while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    try {
                        operation.run(pick++);
                        histogram.recordValue(Math.min(60_000_000L, Math.max(1, (System.nanoTime() - before) / 1000)));
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        if (errors.incrementAndGet() == 1) {
                            synchronized (firstError) {
                                firstError[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
                            }
                        }
                    }
                }
            }, "load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(60_000_000L, 3);
        histograms.forEach(all::add);
        return new Result(all, ok.get(), errors.get(), elapsed, firstError[0]);
    }
}
