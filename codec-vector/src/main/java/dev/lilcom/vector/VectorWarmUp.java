package dev.lilcom.vector;

import dev.lilcom.LilcomCodec;
import dev.lilcom.format.Header;
import java.lang.System.Logger.Level;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a fresh JVM from paying for the Vector API's slow start. Until the JIT has compiled the
 * vector kernels, they run interpreted or in the first compiler tier, where every lane operation
 * allocates: measured here, compressing a 1000 x 80 array took seconds a call for the first 5 s of
 * a process. So the codec answers with the scalar kernels (the results are identical bit for bit)
 * while a daemon thread exercises the vector kernels on a small array; once they beat the scalar
 * kernels three rounds in a row (or after 60 s), every call goes to the vector kernels.
 *
 * <p>{@code -Ddev.lilcom.vector.warmup=false} uses the vector kernels from the first call (the
 * tests do, to test them; benchmarks do, and warm up themselves).
 */
final class VectorWarmUp implements LilcomCodec {
    static final String PROPERTY = "dev.lilcom.vector.warmup";
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final System.Logger LOG = System.getLogger("dev.lilcom");

    private final LilcomCodec scalar;
    private final LilcomCodec vector;
    private volatile boolean warm;

    private VectorWarmUp(LilcomCodec scalar, LilcomCodec vector) {
        this.scalar = scalar;
        this.vector = vector;
    }

    /** The vector codec behind a scalar stand-in that warms it up in the background. */
    static VectorWarmUp start(LilcomCodec scalar, LilcomCodec vector) {
        VectorWarmUp w = new VectorWarmUp(scalar, vector);
        Thread t = new Thread(w::run, "lilcom-vector-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return w;
    }

    /** Whether calls go to the vector kernels yet. */
    boolean isWarm() {
        return warm;
    }

    private LilcomCodec current() {
        return warm ? vector : scalar;
    }

    private void run() {
        Header h = new Header();
        int rows = 48;
        int cols = 80;
        int n = rows * cols;
        h.set(new int[] {rows, cols}, -5, new int[] {250, 200});
        float[] x = new float[n];
        Random rnd = new Random(1);
        float v = 0;
        for (int i = 0; i < n; i++) {
            v = 0.9f * v + (float) rnd.nextGaussian();
            x[i] = v;
        }
        int total = Header.valueCount(2) + n;
        int[] codes = new int[total];
        int[] w = new int[total];
        int[] fields = new int[total];
        float[] y = new float[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i];
        }
        double[] sums = new double[16];
        long start = System.nanoTime();
        int fasterRounds = 0;
        while (fasterRounds < 3 && System.nanoTime() - start < LIMIT_NANOS) {
            long tv = round(vector, h, x, codes, y, w, fields, r, sums);
            long ts = round(scalar, h, x, codes, y, w, fields, r, sums);
            fasterRounds = tv <= ts ? fasterRounds + 1 : 0;
        }
        warm = true;
        LOG.log(Level.DEBUG, () -> "lilcom: vector kernels warm after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
    }

    /** Nanoseconds for ten passes of every kernel. */
    private static long round(LilcomCodec c, Header h, float[] x, int[] codes, float[] y, int[] w, int[] fields,
            double[] r, double[] sums) {
        long t0 = System.nanoTime();
        int total = codes.length;
        int n = x.length;
        for (int k = 0; k < 10; k++) {
            c.quantize(h, x, 0, codes, total - n, y);
            c.reconstruct(h, codes, 0, n, y, 0);
            c.widths(codes, total, w);
            c.valueBits(codes, total, w, fields);
            c.neighbourSums(r, n, n, h.rowLength, sums);
        }
        return System.nanoTime() - t0;
    }

    @Override
    public String name() {
        return vector.name();
    }

    @Override
    public String toString() {
        return vector.toString();
    }

    @Override
    public void quantize(Header h, float[] x, int xOffset, int[] codes, int codesOffset, float[] y) {
        current().quantize(h, x, xOffset, codes, codesOffset, y);
    }

    @Override
    public void reconstruct(Header h, int[] codes, int from, int to, float[] y, int yOffset) {
        current().reconstruct(h, codes, from, to, y, yOffset);
    }

    @Override
    public void widths(int[] values, int n, int[] w) {
        current().widths(values, n, w);
    }

    @Override
    public void valueBits(int[] values, int n, int[] w, int[] fields) {
        current().valueBits(values, n, w, fields);
    }

    @Override
    public void neighbourSums(double[] r, int n, int blockLength, int stride, double[] sums) {
        current().neighbourSums(r, n, blockLength, stride, sums);
    }
}
