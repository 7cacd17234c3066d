package dev.lilcom;

import dev.lilcom.vector.VectorCodec;

/** The shared CodecPropertiesTest suite on the vector codec, at the width this run forces. */
class VectorPropertiesTest extends CodecPropertiesTest {
    @Override
    protected LilcomCodec codec() {
        return VectorCodec.kernels();
    }
}
