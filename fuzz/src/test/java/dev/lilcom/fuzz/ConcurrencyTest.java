package dev.lilcom.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.LilcomArray;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;
import dev.lilcom.LilcomFormatException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads, each a fixed number of operations mixing the static one-shot methods with its
 * own reusable encoders and decoders on every codec, over arrays and blobs (valid and corrupt) of
 * many shapes: every result must equal the one computed on a single thread beforehand. The work
 * is counted, not timed, so that a slow or busy machine runs the same test.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int OPERATIONS_PER_THREAD = 500;

    /** One piece of work and its single-threaded answers. */
    private record Job(float[] data, int[] shape, CompressOptions options, byte[] blob, LilcomArray decoded,
            byte[] corrupt, String corruptRefusal) {}

    private static List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(Seeds.CI_SEED);
        LilcomEncoder encoder = new LilcomEncoder(LilcomCodec.scalar());
        LilcomDecoder decoder = new LilcomDecoder(LilcomCodec.scalar());
        for (int i = 0; i < 60; i++) {
            RandomArrays.Sample s = RandomArrays.next(rnd);
            byte[] blob = encoder.compress(s.data(), s.shape(), s.options());
            byte[] corrupt = Arrays.copyOf(blob, blob.length - 1);
            jobs.add(new Job(s.data(), s.shape(), s.options(), blob, decoder.decompress(blob), corrupt,
                    refusal(decoder, corrupt)));
        }
        return jobs;
    }

    private static String refusal(LilcomDecoder decoder, byte[] blob) {
        try {
            decoder.decompress(blob);
            return "decoded";
        } catch (LilcomFormatException e) {
            return e.reason() + "@" + e.offset();
        }
    }

    @Test
    void everyThreadGetsTheSingleThreadedResults() throws InterruptedException {
        List<Job> jobs = jobs();
        List<LilcomCodec> codecs = Codecs.available();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong operations = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            SplittableRandom rnd = new SplittableRandom(t);
            threads.add(Thread.ofPlatform().name("lilcom-concurrency-" + t).start(() -> {
                List<LilcomEncoder> encoders = codecs.stream().map(LilcomEncoder::new).toList();
                List<LilcomDecoder> decoders = codecs.stream().map(LilcomDecoder::new).toList();
                float[] out = new float[4096];
                try {
                    start.await();
                    for (int i = 0; i < OPERATIONS_PER_THREAD && failures.size() < 10; i++) {
                        Job job = jobs.get(rnd.nextInt(jobs.size()));
                        int c = rnd.nextInt(codecs.size());
                        String problem = operation(rnd.nextInt(7), job, encoders.get(c), decoders.get(c), out);
                        if (problem != null) {
                            failures.add(Thread.currentThread().getName() + " on " + codecs.get(c).name() + ": " + problem);
                        }
                        operations.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(Thread.currentThread().getName() + " threw " + e);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(failures.isEmpty(), failures.size() + " wrong results, e.g. " + failures.peek());
        assertEquals((long) THREADS * OPERATIONS_PER_THREAD, operations.get());
    }

    /** One call; null when it gave the single-threaded result, otherwise what differed. */
    private static String operation(int which, Job job, LilcomEncoder encoder, LilcomDecoder decoder, float[] out) {
        switch (which) {
            case 0 -> {
                return sameBytes("static compress", job.blob, Lilcom.compress(job.data, job.shape, job.options));
            }
            case 1 -> {
                return sameBytes("reused encoder", job.blob, encoder.compress(job.data, job.shape, job.options));
            }
            case 2 -> {
                return sameArray("static decompress", job.decoded, Lilcom.decompress(job.blob));
            }
            case 3 -> {
                return sameArray("reused decoder", job.decoded, decoder.decompress(job.blob));
            }
            case 4 -> {
                int n = decoder.decompress(job.blob, 0, job.blob.length, out, 0);
                return sameArray("reused decoder into an array", job.decoded,
                        new LilcomArray(Arrays.copyOf(out, n), job.decoded.shape()));
            }
            case 5 -> {
                FloatBuffer buffer = FloatBuffer.allocate(job.decoded.size());
                Lilcom.decompress(ByteBuffer.wrap(job.blob), buffer);
                return sameArray("static decompress into a buffer", job.decoded,
                        new LilcomArray(buffer.array(), job.decoded.shape()));
            }
            default -> {
                String got = refusal(decoder, job.corrupt);
                return got.equals(job.corruptRefusal) ? null : "corrupt blob: expected " + job.corruptRefusal + ", got " + got;
            }
        }
    }

    private static String sameBytes(String what, byte[] expected, byte[] actual) {
        return Arrays.equals(expected, actual) ? null : what + ": different bytes (first at " + Arrays.mismatch(expected, actual) + ")";
    }

    private static String sameArray(String what, LilcomArray expected, LilcomArray actual) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return what + ": shape " + Arrays.toString(actual.shape());
        }
        for (int i = 0; i < expected.size(); i++) {
            if (Float.floatToRawIntBits(expected.data()[i]) != Float.floatToRawIntBits(actual.data()[i])) {
                return what + ": element " + i + " is " + actual.data()[i] + ", expected " + expected.data()[i];
            }
        }
        return null;
    }
}
