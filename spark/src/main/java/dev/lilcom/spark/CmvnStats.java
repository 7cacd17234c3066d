package dev.lilcom.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-bin mean and population variance of feature frames (CMVN statistics), accumulated in double
 * precision: each cut's mean and sum of squared deviations are computed in two passes, then merged
 * with Chan et al.'s pairwise update, so partitions merge in any order without the cancellation
 * of a sum-of-squares formula.
 */
public final class CmvnStats implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int numFeatures;
    private long cuts;
    private long frames;
    private final double[] mean;
    private final double[] m2;

    /** Empty statistics of {@code numFeatures} bins. */
    public CmvnStats(int numFeatures) {
        this.numFeatures = numFeatures;
        this.mean = new double[numFeatures];
        this.m2 = new double[numFeatures];
    }

    /** Adds a cut's {@code frames x numFeatures} row-major frames ({@code data} from index 0). */
    public void addCut(float[] data, int cutFrames) {
        cuts++;
        if (cutFrames == 0) {
            return;
        }
        double[] cutMean = new double[numFeatures];
        for (int r = 0; r < cutFrames; r++) {
            for (int c = 0; c < numFeatures; c++) {
                cutMean[c] += data[r * numFeatures + c];
            }
        }
        for (int c = 0; c < numFeatures; c++) {
            cutMean[c] /= cutFrames;
        }
        double[] cutM2 = new double[numFeatures];
        for (int r = 0; r < cutFrames; r++) {
            for (int c = 0; c < numFeatures; c++) {
                double d = data[r * numFeatures + c] - cutMean[c];
                cutM2[c] += d * d;
            }
        }
        merge(cutFrames, cutMean, cutM2);
    }

    /** Adds another's statistics of the same bins to these; returns these. */
    public CmvnStats merge(CmvnStats other) {
        if (other.numFeatures != numFeatures) {
            throw new IllegalArgumentException("cannot merge statistics of " + other.numFeatures + " bins into " + numFeatures);
        }
        cuts += other.cuts;
        merge(other.frames, other.mean, other.m2);
        return this;
    }

    private void merge(long n, double[] otherMean, double[] otherM2) {
        if (n == 0) {
            return;
        }
        long total = frames + n;
        for (int c = 0; c < numFeatures; c++) {
            double delta = otherMean[c] - mean[c];
            mean[c] += delta * n / total;
            m2[c] += otherM2[c] + delta * delta * ((double) frames * n / total);
        }
        frames = total;
    }

    /** Bins. */
    public int numFeatures() {
        return numFeatures;
    }

    /** Cuts added. */
    public long cuts() {
        return cuts;
    }

    /** Frames added. */
    public long frames() {
        return frames;
    }

    /** Per-bin mean. */
    public double[] mean() {
        return mean.clone();
    }

    /** Per-bin population variance (sum of squared deviations over the frame count). */
    public double[] variance() {
        double[] v = new double[numFeatures];
        for (int c = 0; c < numFeatures; c++) {
            v[c] = frames == 0 ? Double.NaN : m2[c] / frames;
        }
        return v;
    }

    /** {@code {"num_features": f, "cuts": n, "frames": n, "mean": [...], "var": [...]}}. */
    public String toJson() {
        return "{\"num_features\": " + numFeatures + ", \"cuts\": " + cuts + ", \"frames\": " + frames
                + ", \"mean\": " + list(mean()) + ", \"var\": " + list(variance()) + "}";
    }

    private static String list(double[] values) {
        return Arrays.toString(values);
    }
}
