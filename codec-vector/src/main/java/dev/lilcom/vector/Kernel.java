package dev.lilcom.vector;

import java.util.ArrayList;
import java.util.List;

/** The six kernels of {@link dev.lilcom.LilcomCodec}, as bits of a set: which of them run on lanes. */
enum Kernel {
    QUANTIZE("quantize"),
    RECONSTRUCT("reconstruct"),
    WIDTHS("widths"),
    VALUE_BITS("valueBits"),
    NEIGHBOUR_SUMS("neighbourSums"),
    SUBTRACT_PREVIOUS("subtractPrevious");

    /** Every kernel. */
    static final int ALL = (1 << values().length) - 1;

    final String label;
    final int bit;

    Kernel(String label) {
        this.label = label;
        this.bit = 1 << ordinal();
    }

    /** The kernels in {@code set}, comma-separated, or {@code none}. */
    static String names(int set) {
        List<String> names = new ArrayList<>();
        for (Kernel k : values()) {
            if ((set & k.bit) != 0) {
                names.add(k.label);
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
