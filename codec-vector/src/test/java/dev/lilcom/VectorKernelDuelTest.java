package dev.lilcom;

import dev.lilcom.vector.VectorCodec;

/** The shared KernelDuelTest suite on the vector codec, at the width this run forces. */
class VectorKernelDuelTest extends KernelDuelTest {
    @Override
    protected LilcomCodec codec() {
        return VectorCodec.kernels();
    }
}
