package dev.lilcom.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.dataset.BatchLoader;
import dev.lilcom.lhotse.dataset.FailurePolicy;
import dev.lilcom.lhotse.dataset.FeatureBatch;
import dev.lilcom.lhotse.sampling.CutSource;
import dev.lilcom.lhotse.sampling.SamplingOptions;
import dev.lilcom.lhotse.sampling.SimpleCutSampler;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A measurement, not a test: what making DJL's features array costs with heap batches
 * ({@code NDManager.create(FloatBuffer, Shape)}: the engine allocates a direct buffer and copies)
 * and with the loader's direct buffers ({@code create(ByteBuffer, Shape, FLOAT32)}: no copy; the
 * workers copy from their heap array instead). Rounds of {@code seconds} alternate the two, one
 * loader thread, batches closed as a training loop closes them. Per round: frames per CPU second
 * of the whole process, and on the consuming thread CPU microseconds and bytes allocated per batch
 * for making and closing the array.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true -DDJL_CACHE_DIR=djl/target/djl-cache \
 *     -DENGINE_CACHE_DIR=djl/target/djl-cache -cp CLASSPATH dev.lilcom.djl.DirectBufferProbe MANIFEST MAX_DURATION SECONDS ROUNDS
 * </pre>
 */
final class DirectBufferProbe {
    private DirectBufferProbe() {}

    public static void main(String[] args) {
        Path manifest = Path.of(args[0]);
        double maxDuration = Double.parseDouble(args[1]);
        double seconds = Double.parseDouble(args[2]);
        int rounds = Integer.parseInt(args[3]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        SimpleCutSampler sampler = new SimpleCutSampler(CutSource.manifest(manifest),
                SamplingOptions.maxDuration(maxDuration).shuffle(1));
        try (FeatureReader reader = new FeatureReader(); NDManager manager = NDManager.newBaseManager()) {
            for (int round = 0; round < 2 * rounds; round++) {
                boolean direct = round % 2 == 1;
                BatchLoader.Builder builder = BatchLoader.builder(reader).onFailure(FailurePolicy.SKIP_CUT);
                long batches = 0;
                long frames = 0;
                long paddedFloats = 0;
                long consumerCpu = 0;
                long consumerBytes = 0;
                long tid = Thread.currentThread().getId();
                long start = System.nanoTime();
                long cpuStart = os.getProcessCpuTime();
                int epoch = 0;
                while (System.nanoTime() - start < seconds * 1e9) {
                    try (BatchLoader loader = (direct ? builder.directBuffers() : builder).open(sampler.batches(epoch++))) {
                        while (loader.hasNext() && System.nanoTime() - start < seconds * 1e9) {
                            FeatureBatch b = loader.next();
                            Shape shape = new Shape(b.size(), b.frames(), b.numFeatures());
                            long cpu0 = threads.getCurrentThreadCpuTime();
                            long bytes0 = threads.getThreadAllocatedBytes(tid);
                            try (NDManager batch = manager.newSubManager()) {
                                NDArray features = direct ? batch.create(b.featureBytes(), shape, DataType.FLOAT32)
                                        : batch.create(b.featureBuffer(), shape);
                                features.setName("features");
                            }
                            consumerCpu += threads.getCurrentThreadCpuTime() - cpu0;
                            consumerBytes += threads.getThreadAllocatedBytes(tid) - bytes0;
                            batches++;
                            frames += b.realFrames();
                            paddedFloats += b.paddedFrames() * b.numFeatures();
                        }
                    }
                }
                double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
                System.out.printf(Locale.ROOT, "%-6s %5d batches, %.0f floats/batch: %,.0f frames per CPU second; "
                        + "making the array: %.1f us CPU, %,d bytes allocated per batch%n", direct ? "direct" : "heap",
                        batches, (double) paddedFloats / batches, frames / cpu, consumerCpu / 1e3 / batches,
                        consumerBytes / batches);
            }
        }
    }
}
