package dev.lilcom.lhotse.dataset;

/** What a {@link BatchLoader} does when a cut of a batch fails to load. */
public enum FailurePolicy {
    /**
     * The batch fails: {@link BatchLoader#next()} throws the first failing cut's
     * {@link dev.lilcom.lhotse.FeatureLoadException}; the following batches still come.
     */
    FAIL_BATCH,
    /**
     * The cut is left out of its batch, which is collated from the others, and reported in
     * {@link FeatureBatch#skipped()}; a batch whose every cut fails is left out too and counted in
     * {@link BatchLoader#skippedCuts()}.
     */
    SKIP_CUT
}
