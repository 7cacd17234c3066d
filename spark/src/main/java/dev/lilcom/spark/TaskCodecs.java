package dev.lilcom.spark;

import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;

/**
 * One encoder, decoder and scratch array per executor thread, reused by every row of every task
 * that thread runs (lilcom's encoder and decoder keep scratch space and are not thread-safe). The
 * codec is lilcom's default: the vector codec where {@code jdk.incubator.vector} is present, the
 * scalar one otherwise.
 */
final class TaskCodecs {
    private static final ThreadLocal<TaskCodecs> CODECS = ThreadLocal.withInitial(TaskCodecs::new);

    private LilcomEncoder encoder;
    private LilcomDecoder decoder;
    private float[] floats = new float[0];

    private TaskCodecs() {}

    static TaskCodecs get() {
        return CODECS.get();
    }

    LilcomEncoder encoder() {
        if (encoder == null) {
            encoder = new LilcomEncoder();
        }
        return encoder;
    }

    LilcomDecoder decoder() {
        if (decoder == null) {
            decoder = new LilcomDecoder();
        }
        return decoder;
    }

    /** Scratch space of at least {@code n} floats, valid until the thread's next call. */
    float[] floats(int n) {
        if (floats.length < n) {
            floats = new float[n];
        }
        return floats;
    }
}
