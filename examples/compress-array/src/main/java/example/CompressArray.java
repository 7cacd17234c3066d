package example;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.LilcomArray;

/** Compresses a 100 x 40 array, decompresses it, and says which codec ran and how close it came back. */
public final class CompressArray {
    public static void main(String[] args) {
        int rows = 100;
        int cols = 40;
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i * 0.01) * 10;
        }
        int tickPower = -8;
        byte[] blob = Lilcom.compress(data, new int[] {rows, cols}, CompressOptions.defaults().withTickPower(tickPower));
        LilcomArray back = Lilcom.decompress(blob);

        float maxError = 0;
        for (int i = 0; i < data.length; i++) {
            maxError = Math.max(maxError, Math.abs(back.data()[i] - data[i]));
        }
        System.out.printf("codec: %s (Java %s)%n", Lilcom.codec().name(), Runtime.version().feature());
        System.out.printf("%d floats -> %d bytes -> shape %d x %d, max error %.3g%n", data.length, blob.length,
                back.shape()[0], back.shape()[1], maxError);
        // every value comes back within half a tick (2^(tickPower-1)), plus float rounding
        if (maxError > Math.scalb(1.0f, tickPower - 1) * 1.001f) {
            System.err.println("error: the round trip lost more than half a tick");
            System.exit(1);
        }
    }
}
