package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.Cut;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An epoch's batches, drawn one ahead: a sampler only says how to draw the next batch, or that the
 * epoch is over. Both samplers' epochs are this iterator.
 */
abstract class EpochBatches implements Iterator<List<Cut>> {
    private List<Cut> next;
    private boolean done;

    /** The next batch, or {@code null} when the epoch has no more. Not called again after {@code null}. */
    abstract List<Cut> draw();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = draw();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final List<Cut> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Cut> batch = next;
        next = null;
        return batch;
    }
}
