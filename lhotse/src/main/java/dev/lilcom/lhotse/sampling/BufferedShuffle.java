package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.Cut;
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
    private final Cut[] buffer;
    private int filled;

    BufferedShuffle(Iterator<Cut> cuts, SplittableRandom random, int size) {
        this.cuts = cuts;
        this.random = random;
        this.buffer = new Cut[size];
    }

    @Override
    public boolean hasNext() {
        while (filled < buffer.length && cuts.hasNext()) {
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
