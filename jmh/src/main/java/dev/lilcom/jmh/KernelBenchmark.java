package dev.lilcom.jmh;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomHeader;
import dev.lilcom.datasets.DataSet;
import dev.lilcom.format.Header;
import dev.lilcom.format.ZigZag;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One kernel of {@link LilcomCodec} on one data set, the scalar kernel against the lane kernel
 * ({@code VectorCodec.kernels()}, never the per-kernel choice the vector codec makes): the
 * measurements behind that choice at each ISA level ({@code run-benchmarks.sh --isa}). The input
 * is what the encoder hands the kernel for the data set (its estimated coefficients, its codes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Ddev.lilcom.vector.warmup=false"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 400, timeUnit = TimeUnit.MILLISECONDS)
public class KernelBenchmark {
    /** A {@link DataSet} id. */
    @Param({"fbank", "randn", "audio", "large"})
    public String dataSet;

    /** quantize, reconstruct, widths, valueBits, neighbourSums or subtractPrevious. */
    @Param({"quantize", "reconstruct", "widths", "valueBits", "neighbourSums", "subtractPrevious"})
    public String kernel;

    /** {@code scalar} or {@code lanes}. */
    @Param({"scalar", "lanes"})
    public String impl;

    private LilcomCodec codec;
    private int which;
    private final Header h = new Header();
    private float[] x;
    private int[] codes;
    private int[] zigzag;
    private float[] y;
    private int[] values;
    private int[] work;
    private int[] w;
    private int[] fields;
    private double[] r;
    private double[] residual;
    private final double[] sums = new double[16];
    private int total;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        codec = impl.equals("scalar") ? LilcomCodec.scalar()
                : (LilcomCodec) Class.forName("dev.lilcom.vector.VectorCodec").getMethod("kernels").invoke(null);
        which = Arrays.asList("quantize", "reconstruct", "widths", "valueBits", "neighbourSums", "subtractPrevious")
                .indexOf(kernel);
        if (which < 0) {
            throw new IllegalArgumentException("unknown kernel " + kernel);
        }
        DataSet set = DataSet.byId(dataSet);
        x = set.generate();
        int n = x.length;
        LilcomHeader header = Lilcom.header(Lilcom.compress(x, set.shape(), set.options()));
        h.set(header.shape(), header.tickPower(), header.coefficients());
        int hv = Header.valueCount(header.shape().length);
        total = hv + n;
        values = new int[total];
        y = new float[n];
        LilcomCodec.scalar().quantize(h, x, 0, values, hv, y);
        codes = Arrays.copyOfRange(values, hv, total);
        zigzag = new int[n];
        for (int i = 0; i < n; i++) {
            zigzag[i] = ZigZag.encode(codes[i]);
        }
        work = new int[total];
        w = new int[total];
        fields = new int[total];
        LilcomCodec.scalar().widths(values, total, w);
        r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i];
        }
        residual = new double[n];
    }

    /**
     * One call of the kernel on the whole array (valueBits and subtractPrevious also copy their
     * input, which they rewrite).
     */
    @Benchmark
    public Object run() {
        switch (which) {
            case 0:
                codec.quantize(h, x, 0, work, total - x.length, y);
                return work;
            case 1:
                codec.reconstruct(h, zigzag, 0, zigzag.length, y, 0);
                return y;
            case 2:
                codec.widths(values, total, w);
                return w;
            case 3:
                System.arraycopy(values, 0, work, 0, total);
                codec.valueBits(work, total, w, fields);
                return fields;
            case 4:
                Arrays.fill(sums, 0);
                codec.neighbourSums(r, r.length, r.length, h.rowLength, sums);
                return sums;
            default:
                System.arraycopy(r, 0, residual, 0, r.length);
                codec.subtractPrevious(residual, r.length, r.length, h.rowLength, 0.9);
                return residual;
        }
    }
}
