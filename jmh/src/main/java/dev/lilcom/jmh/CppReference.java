package dev.lilcom.jmh;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The reference lilcom 1.8 (C++ core built -O3, called from Python) on this machine kind (2-core
 * AMD EPYC, AVX-512), best of 5, in million elements per second, as issue 3 measured it: the
 * figures the scalar codec's targets (4x compress, 2x decompress) are multiples of.
 */
final class CppReference {
    /** data set id -> {compress, decompress} Melem/s. */
    private static final Map<String, double[]> FIGURES = Map.of(
            "fbank", new double[] {28.6, 165},
            "fbank-chunk", new double[] {29.3, 192},
            "randn", new double[] {25.2, 133},
            "audio", new double[] {27.0, 126});

    private CppReference() {}

    /**
     * lilcom's speed on this data set for this benchmark method: its compress figure for both
     * compress methods, its decompress figure for both decompress methods; empty if not measured.
     */
    static OptionalDouble melemPerSecond(String dataSet, String method) {
        double[] f = FIGURES.get(dataSet);
        if (f == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(method.startsWith("compress") ? f[0] : f[1]);
    }
}
