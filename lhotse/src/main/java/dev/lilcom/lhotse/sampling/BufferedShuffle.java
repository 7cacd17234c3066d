package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.Cut;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Shuffles a stream through a buffer of {@code size} cuts, as lhotse shuffles a lazy CutSet: each
 * new cut takes the place of a random buffered one, which is delivered; the rest come out in
 * random order at the end. Memory stays at {@code size} cuts however long the stream.
 */
final class BufferedShuffle implements Iterator<Cut> {
    private final Iterator<Cut> cuts;
    private final SplittableRandom random;
    private final int size;
    // grows to `size` as cuts come: a small corpus's epochs should not allocate the whole buffer
    private Cut[] buffer = new Cut[16];
    private int filled;

    BufferedShuffle(Iterator<Cut> cuts, SplittableRandom random, int size) {
        this.cuts = cuts;
        this.random = random;
        this.size = size;
    }

    @Override
    public boolean hasNext() {
        while (filled < size && cuts.hasNext()) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(size, 2L * filled));
            }
            buffer[filled++] = cuts.next();
        }
        return filled > 0;
    }

    @Override
    public Cut next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int j = random.nextInt(filled);
        Cut out = buffer[j];
        if (cuts.hasNext()) {
            buffer[j] = cuts.next();
        } else {
            buffer[j] = buffer[--filled];
            buffer[filled] = null;
        }
        return out;
    }
}
