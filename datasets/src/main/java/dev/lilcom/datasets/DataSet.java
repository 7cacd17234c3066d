package dev.lilcom.datasets;

import dev.lilcom.CompressOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The arrays lilcom-java's benchmarks compress, generated in code so that every run, on every JVM,
 * measures the same bytes. Each data set has a shape, a tick power (the accuracy its users ask for)
 * and a generator with a fixed seed; {@link #generate()} returns the identical row-major array every
 * time (only {@link java.util.Random}, IEEE arithmetic and {@link StrictMath} are used).
 *
 * <pre>{@code
 * DataSet set = DataSet.byId("fbank");
 * byte[] blob = Lilcom.compress(set.generate(), set.shape(), set.options());
 * }</pre>
 */
public enum DataSet {
    /** lhotse-like log-mel filterbank features, 1000 frames x 80 bins, lhotse's tick power -5. */
    FBANK("fbank", -5, 1000, 80) {
        @Override
        public float[] generate() {
            return Generators.fbank(1000, 80, 0xFBA4CL);
        }
    },
    /** The same kind of features at 500 x 80: one chunk of a lhotse chunky archive. */
    FBANK_CHUNK("fbank-chunk", -5, 500, 80) {
        @Override
        public float[] generate() {
            return Generators.fbank(500, 80, 0xC4A7CL);
        }
    },
    /** 300 x 300 standard normal values at tick power -8: the reference lilcom's own speed test. */
    RANDN("randn", -8, 300, 300) {
        @Override
        public float[] generate() {
            return Generators.randn(300 * 300, 0x4A7DL);
        }
    },
    /** One 10 s utterance at 16 kHz: a 440 Hz sine of amplitude 0.5 plus noise of 1e-3, tick power -15. */
    AUDIO("audio", -15, 160_000) {
        @Override
        public float[] generate() {
            return Generators.audio(160_000, 16_000, 440, 0.5, 1e-3, 0xA0D10L);
        }
    },
    /** 4000 x 1000 smooth 2-D data (separable sinusoids plus AR(1) noise), tick power -8. */
    LARGE("large", -8, 4000, 1000) {
        @Override
        public float[] generate() {
            return Generators.smooth2d(4000, 1000, 0x1A26EL);
        }
    };

    private final String id;
    private final int tickPower;
    private final int[] shape;

    DataSet(String id, int tickPower, int... shape) {
        this.id = id;
        this.tickPower = tickPower;
        this.shape = shape;
    }

    /** The data set's name as benchmarks and tools spell it, e.g. {@code fbank-chunk}. */
    public String id() {
        return id;
    }

    /** The array's shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The tick power to compress it with. */
    public int tickPower() {
        return tickPower;
    }

    /** Number of elements. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The options to compress it with: its tick power, coefficients estimated (lilcom's default). */
    public CompressOptions options() {
        return CompressOptions.defaults().withTickPower(tickPower).withRegression(true);
    }

    /** A fresh row-major array of {@link #size()} values, identical on every call and every JVM. */
    public abstract float[] generate();

    /**
     * The data set with this id.
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static DataSet byId(String id) {
        for (DataSet set : values()) {
            if (set.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return set;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + id + "'; known: "
                + Arrays.stream(values()).map(DataSet::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id + " " + Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining("x"))
                + " tp " + tickPower;
    }
}
