package dev.lilcom;

/** The properties on the scalar reference codec. */
class ScalarPropertiesTest extends CodecPropertiesTest {
    @Override
    protected LilcomCodec codec() {
        return LilcomCodec.scalar();
    }
}
