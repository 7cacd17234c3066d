package dev.lilcom;

/** The conformance suite on the scalar reference codec. */
class ScalarConformanceTest extends CodecConformanceTest {
    @Override
    protected LilcomCodec codec() {
        return LilcomCodec.scalar();
    }
}
