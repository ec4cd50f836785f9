package io.geocluster.engine;

/**
 * Stable 64-bit hashes, identical on every JVM and run: used to turn text feature ids into
 * {@code FeatureBatch} ids and to split rows.
 */
public final class StableHash {
    private StableHash() {
    }

    /** SplitMix64 finaliser: a bijective, well-mixing map of 64-bit values. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64-bit hash of a string's UTF-16 code units, independent of {@code String.hashCode}. */
    public static long of(CharSequence s) {
        long h = 0x6A09E667F3BCC909L ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = mix(h + s.charAt(i));
        }
        return h;
    }
}
