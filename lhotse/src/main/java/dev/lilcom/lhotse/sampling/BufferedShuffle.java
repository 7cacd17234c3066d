package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.MonoCut;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Shuffles a stream through a buffer of {@code size} cuts, as lhotse shuffles a lazy CutSet: each
 * new cut takes the place of a random buffered one, which is delivered; the rest come out in
 * random order at the end. Memory stays at {@code size} cuts however long the stream.
 */
final class BufferedShuffle implements Iterator<MonoCut> {
    private final Iterator<MonoCut> cuts;
    private final SplittableRandom random;
    private final MonoCut[] buffer;
    private int filled;

    BufferedShuffle(Iterator<MonoCut> cuts, SplittableRandom random, int size) {
        this.cuts = cuts;
        this.random = random;
        this.buffer = new MonoCut[size];
    }

    @Override
    public boolean hasNext() {
        while (filled < buffer.length && cuts.hasNext()) {
            buffer[filled++] = cuts.next();
        }
        return filled > 0;
    }

    @Override
    public MonoCut next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int j = random.nextInt(filled);
        MonoCut out = buffer[j];
        if (cuts.hasNext()) {
            buffer[j] = cuts.next();
        } else {
            buffer[j] = buffer[--filled];
            buffer[filled] = null;
        }
        return out;
    }
}
