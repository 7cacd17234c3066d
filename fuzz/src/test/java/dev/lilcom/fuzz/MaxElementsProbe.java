package dev.lilcom.fuzz;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomFormatException;

/**
 * Run in a child JVM by {@link LimitsTest}: prints the default element limit, then what the
 * static decoder does with blobs of {@code args[0]} and {@code args[0] + 1} elements.
 */
public final class MaxElementsProbe {
    private MaxElementsProbe() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        System.out.println("default " + LilcomDecoder.DEFAULT_MAX_ELEMENTS);
        for (int size : new int[] {n, n + 1}) {
            try {
                System.out.println(size + " " + Lilcom.decompress(Lilcom.compress(new float[size], size)).size());
            } catch (LilcomFormatException e) {
                System.out.println(size + " " + e.reason());
            }
        }
    }
}
