package org.abri.bench.generate;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded randomness. Every case draws from its own stream, derived from the seed and the case's
 * index (and a purpose, so that rendering one table never shifts the draws of another): the rows
 * are the same whatever the number of threads and the order in which tables are written.
 */
final class Rng {

    private final SplittableRandom random;

    Rng(long seed, long index, long purpose) {
        this.random = new SplittableRandom(mix(mix(seed) ^ mix(index * 0x9E3779B97F4A7C15L + purpose)));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Between {@code from} and {@code to}, both included. */
    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    long nextLong(long bound) {
        return random.nextLong(bound);
    }

    double nextDouble() {
        return random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    <T> T pick(java.util.List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** An index drawn with the given weights (need not sum to one). */
    int weighted(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A version-4 UUID from the seeded stream (never {@code UUID.randomUUID()}, which is not reproducible). */
    UUID uuid() {
        long msb = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }
}
