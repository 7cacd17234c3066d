package dev.lilcom;

import dev.lilcom.vector.VectorCodec;

/** The shared CodecConformanceTest suite on the vector codec, at the width this run forces. */
class VectorConformanceTest extends CodecConformanceTest {
    @Override
    protected LilcomCodec codec() {
        return VectorCodec.kernels();
    }
}
