package dev.lilcom;

/** The scalar codec's kernels against the plain reference. */
class ScalarKernelDuelTest extends KernelDuelTest {
    @Override
    protected LilcomCodec codec() {
        return LilcomCodec.scalar();
    }
}
