package dev.lilcom.testing;

import dev.lilcom.Lilcom;
import java.util.Arrays;

/**
 * Prints the codec {@link Lilcom#codec()} chooses, or the error it gives, after a compress and
 * decompress through the default codec. Run in a child JVM by the codec selection tests; it lives
 * in this Java 17 test-jar so that it also runs on JVMs too old for the vector codec's classes.
 */
public final class PrintCodec {
    private PrintCodec() {}

    public static void main(String[] args) {
        try {
            float[] data = {1f, 2f, 3f, 4f, 5f, 6f};
            float[] back = Lilcom.decompress(Lilcom.compress(data, 2, 3)).data();
            for (int i = 0; i < data.length; i++) {
                if (!(Math.abs(back[i] - data[i]) < 0.01f)) {
                    System.out.println("wrong: " + Arrays.toString(back));
                    return;
                }
            }
            System.out.println("chosen: " + Lilcom.codec().name());
        } catch (IllegalStateException e) {
            System.out.println("error: " + e.getMessage());
        }
    }
}
