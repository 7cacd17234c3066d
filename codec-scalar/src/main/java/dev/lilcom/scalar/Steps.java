package dev.lilcom.scalar;

import dev.lilcom.format.ZigZag;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The reconstruction's steps {@code (float) ZigZag.decode(z) * tick} for the zigzag codes z below
 * {@link #SIZE}, one table per tick power the format accepts (-20..20; {@code Header.read} refuses
 * the others), each built on first use. In the decoding wavefront a load from the table takes the
 * place of the zigzag decode, the int-to-float conversion and the multiply, which otherwise share
 * the float ports with the wave's chains. The table holds the computed values, so its steps are the
 * reference's bit for bit; a code beyond it is computed.
 */
final class Steps {
    /** Zigzag codes below this (steps of magnitude up to 2048 ticks) come from the table. */
    static final int SIZE = 4096;
    private static final int MIN_POWER = -20;
    private static final int MAX_POWER = 20;
    /** For tick powers the format refuses (a Header set by hand): every step computed. */
    private static final float[] NONE = new float[0];
    private static final AtomicReferenceArray<float[]> TABLES = new AtomicReferenceArray<>(MAX_POWER - MIN_POWER + 1);

    private Steps() {}

    /** The table for a tick power, empty outside -20..20. Two threads may both build one; the tables are equal. */
    static float[] table(int tickPower) {
        if (tickPower < MIN_POWER || tickPower > MAX_POWER) {
            return NONE;
        }
        float[] t = TABLES.get(tickPower - MIN_POWER);
        if (t == null) {
            float tick = Math.scalb(1f, tickPower);
            t = new float[SIZE];
            for (int z = 0; z < SIZE; z++) {
                t[z] = (float) ZigZag.decode(z) * tick;
            }
            TABLES.set(tickPower - MIN_POWER, t);
        }
        return t;
    }

    /** The step of zigzag code z: from the table when it has z, else computed. */
    static float step(float[] table, int z, float tick) {
        return Integer.compareUnsigned(z, table.length) < 0 ? table[z] : (float) ZigZag.decode(z) * tick;
    }
}
