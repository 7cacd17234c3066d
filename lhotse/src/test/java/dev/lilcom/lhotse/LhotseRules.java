package dev.lilcom.lhotse;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomArray;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * lhotse's {@code cut.load_features()} transcribed as plainly as possible (read and decode every
 * chunk in range, concatenate, slice, trim or pad), to check {@link FeatureReader} against.
 */
final class LhotseRules {
    private LhotseRules() {}

    static FeatureMatrix loadFeatures(MonoCut cut) throws IOException {
        Features f = cut.features();
        long left = FrameArithmetic.isClose(cut.start(), f.start()) ? 0
                : FrameArithmetic.numFrames(cut.start() - f.start(), f.frameShift(), f.samplingRate());
        long numFrames = FrameArithmetic.numFrames(cut.duration(), f.frameShift(), f.samplingRate());
        long right = left + numFrames;
        float[] rows;
        int cols;
        long shift;
        if (f.storageType().equals(Features.LILCOM_FILES)) {
            LilcomArray all = Lilcom.decompress(Files.readAllBytes(f.storagePath().resolve(f.storageKey())));
            rows = all.data();
            cols = all.shape()[1];
            shift = 0;
        } else {
            String[] parts = f.storageKey().split(",");
            long[] offsets = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                offsets[i] = Long.parseLong(parts[i]) + (i == 0 ? 0 : offsets[i - 1]);
            }
            int first = (int) (left / 500);
            int end = (int) Math.min((right + 499) / 500, parts.length - 1);
            rows = new float[0];
            cols = f.numFeatures();
            try (RandomAccessFile file = new RandomAccessFile(f.storagePath().toFile(), "r")) {
                for (int c = first; c < end; c++) {
                    byte[] blob = new byte[(int) (offsets[c + 1] - offsets[c])];
                    file.seek(offsets[c]);
                    file.readFully(blob);
                    LilcomArray chunk = Lilcom.decompress(blob);
                    cols = chunk.shape()[1];
                    int had = rows.length;
                    rows = Arrays.copyOf(rows, had + chunk.size());
                    System.arraycopy(chunk.data(), 0, rows, had, chunk.size());
                }
            }
            shift = 500L * first;
        }
        int available = rows.length / cols;
        int from = (int) Math.min(left - shift, available);
        int to = (int) Math.max(from, Math.min(right - shift, available));
        float[] kept = Arrays.copyOfRange(rows, from * cols, to * cols);
        int frames = to - from;
        if (frames - numFrames == 1) {
            kept = Arrays.copyOf(kept, kept.length - cols);
            frames--;
        } else if (frames - numFrames == -1) {
            kept = Arrays.copyOf(kept, kept.length + cols);
            System.arraycopy(kept, kept.length - 2 * cols, kept, kept.length - cols, cols);
            frames++;
        }
        return new FeatureMatrix(kept, frames, cols);
    }
}
