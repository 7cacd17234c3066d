package dev.lilcom.lhotse;

import java.math.BigInteger;
import java.util.List;

/**
 * Python's {@code random.Random(seed)} as far as {@code shuffle} needs it: the Mersenne Twister
 * (MT19937) seeded with {@code init_by_array} from the seed's 32-bit words, and {@code shuffle}'s
 * {@code _randbelow} by rejection. lhotse shuffles Shar shards with it, so the same seed gives
 * the same shard order as lhotse's {@code CutSet.from_shar(..., shuffle_shards=True, seed=...)}.
 */
final class PythonRandom {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index = N + 1;

    PythonRandom(long seed) {
        BigInteger magnitude = BigInteger.valueOf(seed).abs();
        int words = Math.max(1, (magnitude.bitLength() + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = magnitude.shiftRight(32 * i).intValue();
        }
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    private int next32() {
        if (index >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** Python's {@code _randbelow(n)} for {@code 0 < n <= 2^31}: {@code getrandbits(n.bit_length())} until below n. */
    private int below(int n) {
        int k = 32 - Integer.numberOfLeadingZeros(n);
        while (true) {
            int r = next32() >>> (32 - k);
            if (Integer.compareUnsigned(r, n) < 0) {
                return r;
            }
        }
    }

    /** Python's {@code random.shuffle(x)}, in place. */
    <T> void shuffle(List<T> x) {
        for (int i = x.size() - 1; i > 0; i--) {
            int j = below(i + 1);
            T t = x.get(i);
            x.set(i, x.get(j));
            x.set(j, t);
        }
    }
}
