package dev.lilcom;

/** Prints the codec {@link Lilcom#codec()} chooses, or the error it gives; run in a child JVM by the fallback test. */
public final class PrintCodec {
    private PrintCodec() {}

    public static void main(String[] args) {
        try {
            System.out.println("chosen: " + Lilcom.codec().name());
        } catch (IllegalStateException e) {
            System.out.println("error: " + e.getMessage());
        }
    }
}
