package io.tradeloop.core.random;

/**
 * The seeded random generator every random draw comes from (xoshiro256**, Blackman and Vigna 2018).
 * Its whole state is four longs that {@link #state()} exposes, so checkpoints restore it exactly.
 * Not thread-safe: give each thread or environment its own, made with {@link #split()}.
 */
public final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double spareGaussian = Double.NaN;

    public Rng(long seed) {
        long x = seed;
        s0 = mix(x += 0x9E3779B97F4A7C15L);
        s1 = mix(x += 0x9E3779B97F4A7C15L);
        s2 = mix(x += 0x9E3779B97F4A7C15L);
        s3 = mix(x + 0x9E3779B97F4A7C15L);
    }

    private Rng(long[] state) {
        restore(state);
    }

    private static long mix(long z) { // SplitMix64 finaliser
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [min, max). */
    public double uniform(double min, double max) {
        return min + (max - min) * nextDouble();
    }

    /** Uniform in [0, bound) without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        long r = (nextLong() >>> 33) * bound;
        return (int) (r >>> 31);
    }

    /** Uniform integer in [min, max], both inclusive. */
    public int nextInt(int min, int max) {
        return min + nextInt(max - min + 1);
    }

    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Standard normal (Marsaglia polar method). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        return u * m;
    }

    /** A new generator seeded from this one: use one per environment or worker. */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** The full state: four words and the cached Gaussian (as raw bits). */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, Double.doubleToRawLongBits(spareGaussian)};
    }

    public void restore(long[] state) {
        if (state.length != 5) {
            throw new IllegalArgumentException("Rng state must have 5 words, got " + state.length);
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("Rng state of all zeros is invalid");
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        spareGaussian = Double.longBitsToDouble(state[4]);
    }

    public static Rng fromState(long[] state) {
        return new Rng(state);
    }
}
