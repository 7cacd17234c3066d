package dev.lilcom.lhotse;

/**
 * The rows of a stored matrix that a load asks for, and the frame count lhotse then trims or pads
 * the result to.
 *
 * @param left first row
 * @param right end row (exclusive), before clamping to the rows that exist
 * @param expectedFrames lhotse's {@code cut.num_frames}, or -1 to return the rows as they are
 */
record FrameSpan(long left, long right, long expectedFrames) {
    /** Every row of the matrix. */
    static final FrameSpan WHOLE = new FrameSpan(0, Long.MAX_VALUE, -1);

    /**
     * lhotse's {@code Features.load(start=cut.start, duration=cut.duration)}: the left offset is 0
     * when the cut starts where the features do, else the frames of the gap; the span is
     * {@code cut.num_frames} long.
     *
     * @throws IllegalArgumentException if the cut starts before its features, as lhotse refuses
     */
    static FrameSpan of(MonoCut cut) {
        Features f = cut.features();
        // lhotse 2.0 (Features.load) allows a cut to start up to 1 ms before its features
        if (cut.start() < f.start() - 1e-3) {
            throw new IllegalArgumentException("the cut starts at " + cut.start()
                    + " s, before its features (which start at " + f.start() + " s)");
        }
        long left = FrameArithmetic.isClose(cut.start(), f.start()) ? 0
                : FrameArithmetic.numFrames(cut.start() - f.start(), f.frameShift(), f.samplingRate());
        long frames = FrameArithmetic.numFrames(cut.duration(), f.frameShift(), f.samplingRate());
        if (left < 0 || frames < 0) {
            throw new IllegalArgumentException("the cut has a negative frame offset or duration (start "
                    + cut.start() + " s, duration " + cut.duration() + " s)");
        }
        return new FrameSpan(left, left + frames, frames);
    }
}
