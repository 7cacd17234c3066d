package dev.lilcom.vector;

import dev.lilcom.LilcomCodec;
import dev.lilcom.format.Header;
import dev.lilcom.format.ValueBits;
import dev.lilcom.scalar.Rounding;
import dev.lilcom.scalar.ScalarCodec;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on SIMD lanes, mirroring {@link ScalarCodec} method for method. Callers get them
 * through {@link #create()}, which runs each kernel on lanes only where that is faster on this
 * hardware ({@link Isa}, {@link VectorWarmUp}); {@link #kernels()} is the lane kernels alone.
 *
 * <ul>
 *   <li>Prediction and quantization: the scalar codec's wavefront with one row
 *       per lane. Lane l holds row r+l and works on column t-l at step t; its upper neighbour is
 *       lane l-1's result from the step before (one lane shift), and lane 0's comes from the row
 *       above the group. Each lane runs exactly the scalar order of float operations. The diagonal of
 *       a step (lane l at column t-l) goes through AVX-512's gather and scatter where the CPU has
 *       them; with eight lanes and no scatter (AVX2), eight steps at a time as eight contiguous row
 *       loads (and stores) and an 8 x 8 transpose in registers, sixteen rows as two chains of
 *       eight lanes; otherwise through a scratch array
 *       element by element and onto lanes with one contiguous load. No gather, scatter or masked
 *       operation without the instructions.</li>
 *   <li>Widths: the closed form {@code w[j] = max_i(width[i] - |i-j|)} in doubling rounds over
 *       widths packed as bytes, with unaligned loads instead of lane moves
 *       ({@link DoublingWidths}).</li>
 *   <li>Regression sums: the eight index-striped partial sums of the contract, as one, two or four
 *       double vectors; the residual for the next axis, two double vectors a step.</li>
 *   <li>Reconstruction: the scalar kernel ({@link #reconstruct}).</li>
 * </ul>
 *
 * <p>The vector width is the machine's preferred one, or {@code -Ddev.lilcom.vector.bits=128|256|512}
 * (at most the preferred width), chosen once into constants.
 */
public final class VectorCodec implements LilcomCodec {
    static final String PROPERTY_BITS = "dev.lilcom.vector.bits";
    private static final String PROBLEM;
    static final VectorShape SHAPE;

    static {
        VectorShape preferred = VectorShape.preferredShape();
        String wanted = System.getProperty(PROPERTY_BITS);
        String problem = null;
        VectorShape shape = preferred;
        if (preferred.vectorBitSize() < 128) {
            problem = "the preferred vector size here is " + preferred.vectorBitSize()
                    + " bits; the vector codec needs at least 128";
        } else if (wanted != null && !wanted.isBlank()) {
            try {
                int bits = Integer.parseInt(wanted.trim());
                if (bits != 128 && bits != 256 && bits != 512) {
                    problem = "-D" + PROPERTY_BITS + "=" + wanted + ": use 128, 256 or 512";
                } else if (bits > preferred.vectorBitSize()) {
                    problem = "-D" + PROPERTY_BITS + "=" + bits + " is wider than this machine's "
                            + preferred.vectorBitSize() + "-bit vectors";
                } else {
                    shape = VectorShape.forBitSize(bits);
                }
            } catch (NumberFormatException e) {
                problem = "-D" + PROPERTY_BITS + "=" + wanted + ": use 128, 256 or 512";
            }
        }
        PROBLEM = problem;
        SHAPE = shape;
    }

    static final VectorSpecies<Float> F = VectorSpecies.of(float.class, SHAPE);
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, SHAPE);
    static final VectorSpecies<Double> D = VectorSpecies.of(double.class, SHAPE);
    static final int LANES = F.length();
    /** Double vectors that make up the contract's eight striped partial sums. */
    static final int PARTS = 8 / D.length();
    /** Every bit of a double vector's lanes but the first ({@link #firstNegativeZero}). */
    private static final LongVector ALL_BUT_FIRST = LongVector.broadcast(VectorSpecies.of(long.class, SHAPE), -1L).withLane(0, 0L);
    /** -0.0 in the first lane of a double vector, +0.0 in the others, as bits. */
    private static final LongVector NEGATIVE_ZERO_FIRST =
            LongVector.zero(VectorSpecies.of(long.class, SHAPE)).withLane(0, Double.doubleToRawLongBits(-0.0));

    private static final VectorCodec INSTANCE = new VectorCodec();
    /**
     * What {@link #create()} hands out: each kernel on lanes or scalar, whichever is faster here.
     * Created once, so one warm-up thread per JVM at most.
     */
    private static final LilcomCodec CHOSEN = PROBLEM != null ? null
            : Boolean.parseBoolean(System.getProperty(VectorWarmUp.PROPERTY, "true"))
                    ? VectorWarmUp.timed(ScalarCodec.INSTANCE, INSTANCE, Isa.candidates())
                    : VectorWarmUp.fixed(ScalarCodec.INSTANCE, INSTANCE, Isa.onLanes());
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);
    /**
     * Shuffles moving lanes up (down) by 1, 2 and 4, for the transposes: separate constants (not
     * an array) so that the JIT sees each one as constant.
     */
    private static final VectorShuffle<Integer> UP1 = shift(1);
    private static final VectorShuffle<Integer> UP2 = shift(2);
    private static final VectorShuffle<Integer> UP4 = shift(4);
    private static final VectorShuffle<Integer> DOWN1 = shift(-1);
    private static final VectorShuffle<Integer> DOWN2 = shift(-2);
    private static final VectorShuffle<Integer> DOWN4 = shift(-4);
    /** The transpose's lane moves and masks for float vectors (separate, so no reinterpretation is needed). */
    private static final VectorShuffle<Float> UP1X = UP1.cast(F);
    private static final VectorShuffle<Float> UP2X = UP2.cast(F);
    private static final VectorShuffle<Float> UP4X = UP4.cast(F);
    private static final VectorShuffle<Float> DOWN1X = DOWN1.cast(F);
    private static final VectorShuffle<Float> DOWN2X = DOWN2.cast(F);
    private static final VectorShuffle<Float> DOWN4X = DOWN4.cast(F);
    private static final VectorMask<Float> BIT1X = IOTA.and(1).compare(VectorOperators.NE, 0).cast(F);
    private static final VectorMask<Float> BIT2X = IOTA.and(2).compare(VectorOperators.NE, 0).cast(F);
    private static final VectorMask<Float> BIT4X = IOTA.and(4).compare(VectorOperators.NE, 0).cast(F);
    /** The lanes whose index has bit 1, 2 or 4 set: the upper halves of a transpose stage's blocks. */
    private static final VectorMask<Integer> BIT1 = IOTA.and(1).compare(VectorOperators.NE, 0);
    private static final VectorMask<Integer> BIT2 = IOTA.and(2).compare(VectorOperators.NE, 0);
    private static final VectorMask<Integer> BIT4 = IOTA.and(4).compare(VectorOperators.NE, 0);
    /** The wavefront's upper neighbours: lane l takes lane l-1's last result, lane 0 the row above. */
    private static final VectorShuffle<Float> UP1F = VectorShuffle.fromOp(F, i -> Math.floorMod(i - 1, LANES));
    private static final VectorMask<Float> FIRST = VectorMask.fromLong(F, 1);
    /**
     * Whether the wavefronts' diagonals go through AVX-512's gather and scatter instructions
     * (also at a narrower forced width: AVX-512VL has them at 128 and 256 bits); elsewhere
     * through the scratch, since a scatter without the instruction boxes every lane.
     */
    private static final boolean NATIVE_SCATTER = Isa.AVX >= 3;
    /** Whether shifts by a count per lane are one instruction (AVX2's {@code vpsrlvd}; NEON and SVE have them too). */
    private static final boolean LANE_SHIFTS = Isa.AVX < 0 || Isa.AVX >= 2;
    /** Values a width check of {@link #valueBitsWithoutShifts} covers: 4 KB of widths, in L1 for the pass after it. */
    private static final int NARROW_CHUNK = 1024;
    /** The widest width {@link #narrowValueBits} codes exactly (its float masks hold 23 bits). */
    private static final int NARROW_WIDTH = 23;
    /**
     * Rows shorter than this go through the scalar codec's eight-row wavefront: a lane wavefront
     * spends its first and last LANES - 1 steps on ramps coded element by element, (LANES-1)/d of
     * the work, so short rows (lhotse's 40-feature fbank at 16 lanes: 37%) come out slower than
     * the scalar codec (measured: a lhotse loader at 0.73x).
     */
    private static final int MIN_WAVE_ROW = 4 * LANES;
    /** Where the wavefronts keep one step's x (or codes), codes and y in the header's scratch. */
    private static final int XS = 0;
    private static final int CS = 16;
    private static final int YS = 32;
    /** Where the eight-lane wavefront keeps eight steps' x, codes and y (eight vectors of eight each). */
    private static final int TILE_X = 64;
    private static final int TILE_CODES = 128;
    private static final int TILE_Y = 192;
    /** The same for the second chain of {@link #quantizeWave16}. */
    private static final int TILE_X2 = 256;
    private static final int TILE_CODES2 = 320;
    private static final int TILE_Y2 = 384;
    /**
     * Whether the encoding wavefront runs sixteen rows as two chains of eight lanes (AVX2): one
     * chain of eight steps waits on its own latency (a multiply, four adds, two conversions per
     * step); two overlap.
     */
    private static final boolean TWO_CHAINS = LANES == 8 && !NATIVE_SCATTER;

    private VectorCodec() {}

    /** Lane i takes lane i - by (wrapping; the wrapped lanes are masked off by the caller). */
    private static VectorShuffle<Integer> shift(int by) {
        return VectorShuffle.fromOp(I, i -> Math.floorMod(i - by, LANES));
    }

    /**
     * The codec, if it can run here: each kernel on lanes where that is faster on this hardware,
     * else the scalar kernel, served by the scalar kernels until the JIT has compiled the lane
     * kernels and they won a timing on the same work ({@link VectorWarmUp};
     * {@code -Ddev.lilcom.vector.warmup=false} turns the timing off).
     *
     * @throws UnsupportedOperationException saying why the vector codec cannot run
     */
    public static LilcomCodec create() {
        if (PROBLEM != null) {
            throw new UnsupportedOperationException(PROBLEM);
        }
        return CHOSEN;
    }

    /**
     * The lane kernels themselves, all six, never a scalar stand-in (for tests and benchmarks),
     * even those this hardware runs slower than the scalar ones.
     */
    public static LilcomCodec kernels() {
        if (PROBLEM != null) {
            throw new UnsupportedOperationException(PROBLEM);
        }
        return INSTANCE;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String toString() {
        return "vector kernels (" + SHAPE.vectorBitSize() + "-bit, " + LANES + " float lanes, " + Isa.NAME + ")";
    }

    @Override
    public void quantize(Header h, float[] x, int xOffset, int[] codes, int codesOffset, float[] y) {
        if (h.rowLength < MIN_WAVE_ROW) {
            ScalarCodec.INSTANCE.quantize(h, x, xOffset, codes, codesOffset, y);
            return;
        }
        final int d = h.rowLength;
        final int waveMask = h.axes > 1 ? 1 << (h.axes - 2) : -1;
        int row = 0;
        while (row < h.rows) {
            int mask = h.earlierAxes(row);
            if (TWO_CHAINS && mask == waveMask && row + 16 <= h.rows && ScalarCodec.sameMask(h, row + 1, 15, waveMask)) {
                quantizeWave16(h, x, xOffset, codes, codesOffset, y, row * d);
                row += 16;
            } else if (mask == waveMask && row + LANES <= h.rows && ScalarCodec.sameMask(h, row + 1, LANES - 1, waveMask)) {
                if (NATIVE_SCATTER) {
                    quantizeWaveScatter(h, x, xOffset, codes, codesOffset, y, row * d);
                } else {
                    quantizeWave(h, x, xOffset, codes, codesOffset, y, row * d);
                }
                row += LANES;
            } else {
                ScalarCodec.quantizeRow(h, x, xOffset, codes, codesOffset, y, row * d, mask);
                row++;
            }
        }
    }

    /**
     * {@link #LANES} rows from {@code base}, each predicting from its left neighbour and the row
     * above; lane l holds row r+l and codes column t-l at step t, so its element at step t is at
     * {@code base + t + l*(d-1)}. No gather or scatter: AVX2 has no scatter and SSE neither, and
     * the Vector API's fallback for them boxes every lane (measured at UseAVX=2: 3.4 MB and a
     * seventh of the scalar speed per 1000 x 80 array). With eight lanes the steps go eight at a
     * time through in-register transposes ({@link #loadTile}, {@link #tileSteps},
     * {@link #storeTile}: 1.5x the scalar codec's former four-row wave on AVX2, where the
     * element-wise scratch below reached 1.1x; sixteen rows at a time, {@link #quantizeWave16},
     * 1.85x, and 1.21x-1.26x of its eight-row wave). The remaining steps, and every step at other widths, take the diagonal
     * through the header's scratch one plain element at a time and onto lanes with one
     * contiguous load; the results come back the same way. The two triangles where some lanes are outside their rows
     * (the first and last LANES steps) go one element at a time with the scalar codec's arithmetic:
     * with masks, C2 let vector temporaries escape to the heap.
     */
    private static void quantizeWave(Header h, float[] x, int xo, int[] codes, int co, float[] y, int base) {
        final int d = h.rowLength;
        final int steps = d + LANES - 1;
        if (d <= LANES) {
            ScalarCodec.quantizeTriangle(h, x, xo, codes, co, y, base, LANES, 0, steps);
            return;
        }
        ScalarCodec.quantizeTriangle(h, x, xo, codes, co, y, base, LANES, 0, LANES);
        final int[] s = h.scratch;
        final int skew = d - 1;
        // lane l has coded columns 0 .. LANES-1-l: its last result is its left neighbour now
        for (int l = 0, e = base + LANES - 1; l < LANES; l++, e += skew) {
            s[YS + l] = Float.floatToRawIntBits(y[e]);
        }
        int t = LANES;
        if (LANES == 8) {
            // Eight steps at a time without element-wise traffic: row l's x from column t-l on is
            // one contiguous load, and a transpose in registers turns eight rows into eight steps'
            // diagonals (loadTile); the codes and y go back the same way (storeTile). On AVX2 the
            // element-wise scratch costs more than the prediction chain. Separate methods with
            // only arrays as arguments (the lanes' last y stays in the scratch): each small
            // enough for C2 to keep its vectors in registers, and no vector lives in this method,
            // where C2 boxed one per call (a vector crossing the calls, or kept for a deopt).
            for (; t + 8 <= d; t += 8) {
                loadTile(x, xo + base + t, skew, s, TILE_X);
                tileSteps(h, y, base + t - d);
                storeTile(s, TILE_CODES, codes, co + base + t, skew);
                storeTile(s, TILE_Y, y, base + t, skew);
            }
        }
        if (t < d) {
            quantizeSteps(h, x, xo, codes, co, y, base, t);
        }
        ScalarCodec.quantizeTriangle(h, x, xo, codes, co, y, base, LANES, d, steps);
    }

    /**
     * Steps {@code [t, d)} of {@link #quantizeWave}, one at a time, the diagonal through the
     * scratch element by element and onto lanes with one contiguous load; the lanes' last y
     * (their left neighbours) in the scratch at {@link #YS} before.
     */
    private static void quantizeSteps(Header h, float[] x, int xo, int[] codes, int co, float[] y, int base, int t) {
        final int d = h.rowLength;
        final FloatVector aL = FloatVector.broadcast(F, h.lastCoefficient);
        final FloatVector aU = FloatVector.broadcast(F, h.a[h.axes - 2]);
        final FloatVector tick = FloatVector.broadcast(F, h.tick);
        final FloatVector invTick = FloatVector.broadcast(F, h.invTick);
        final FloatVector half = FloatVector.broadcast(F, Rounding.JUST_BELOW_HALF);
        final int[] s = h.scratch;
        final int skew = d - 1;
        FloatVector prev = IntVector.fromArray(I, s, YS).reinterpretAsFloats();
        for (; t < d; t++) {
            final int e0 = base + t;
            for (int l = 0, e = xo + e0; l < LANES; l++, e += skew) {
                s[XS + l] = Float.floatToRawIntBits(x[e]);
            }
            FloatVector up = prev.rearrange(UP1F).blend(y[e0 - d], FIRST);
            FloatVector p = prev.mul(aL).add(up.mul(aU));
            FloatVector xv = IntVector.fromArray(I, s, XS).reinterpretAsFloats();
            FloatVector q = xv.sub(p).mul(invTick);
            IntVector c = roundHalfAwayFromZero(q, half);
            FloatVector yv = p.add(((FloatVector) c.convert(VectorOperators.I2F, 0)).mul(tick));
            c.intoArray(s, CS);
            yv.reinterpretAsInts().intoArray(s, YS);
            for (int l = 0, e = e0; l < LANES; l++, e += skew) {
                codes[co + e] = s[CS + l];
                y[e] = Float.intBitsToFloat(s[YS + l]);
            }
            prev = yv;
        }
    }

    /**
     * {@link #quantizeWave} with AVX-512's gather and scatter instructions for the diagonal: with
     * 16 lanes, moving each step's lanes through the scratch one at a time costs more stores than
     * the prediction chain hides (measured: 0.4x-0.8x the scalar codec), one scatter does not. The two triangles where some
     * lanes are outside their rows (the first and last LANES steps) go one element at a time with
     * the scalar codec's arithmetic: with masks, C2 let vector temporaries escape to the heap
     * (measured: 1.1 MB allocated per 1000 x 80 array, and the speed falling with it).
     */
    private static void quantizeWaveScatter(Header h, float[] x, int xo, int[] codes, int co, float[] y, int base) {
        final int d = h.rowLength;
        final int steps = d + LANES - 1;
        if (d <= LANES) {
            ScalarCodec.quantizeTriangle(h, x, xo, codes, co, y, base, LANES, 0, steps);
            return;
        }
        ScalarCodec.quantizeTriangle(h, x, xo, codes, co, y, base, LANES, 0, LANES);
        final FloatVector aL = FloatVector.broadcast(F, h.lastCoefficient);
        final FloatVector aU = FloatVector.broadcast(F, h.a[h.axes - 2]);
        final FloatVector tick = FloatVector.broadcast(F, h.tick);
        final FloatVector invTick = FloatVector.broadcast(F, h.invTick);
        final FloatVector half = FloatVector.broadcast(F, Rounding.JUST_BELOW_HALF);
        final int[] map = diagonal(h, d);
        // lane l has coded columns 0 .. LANES-1-l: its last result is its left neighbour now
        FloatVector prev = FloatVector.fromArray(F, y, base + LANES - 1, map, 0);
        for (int t = LANES; t < d; t++) {
            FloatVector up = FloatVector.broadcast(F, y[base - d + t]).slice(LANES - 1, prev);
            FloatVector p = prev.mul(aL).add(up.mul(aU));
            FloatVector xv = FloatVector.fromArray(F, x, xo + base + t, map, 0);
            FloatVector q = xv.sub(p).mul(invTick);
            IntVector c = roundHalfAwayFromZero(q, half);
            FloatVector yv = p.add(((FloatVector) c.convert(VectorOperators.I2F, 0)).mul(tick));
            c.intoArray(codes, co + base + t, map, 0);
            yv.intoArray(y, base + t, map, 0);
            prev = yv;
        }
        ScalarCodec.quantizeTriangle(h, x, xo, codes, co, y, base, LANES, d, steps);
    }

    /**
     * Sixteen rows from {@code base} as two chains of eight lanes, rows 0-7 and 8-15, eight
     * steps at a time through the tiles of {@link #quantizeWave}; the ramps (the first and last
     * 16 steps, where some rows are outside their columns) one element at a time.
     */
    private static void quantizeWave16(Header h, float[] x, int xo, int[] codes, int co, float[] y, int base) {
        final int d = h.rowLength;
        final int steps = d + 15;
        ScalarCodec.quantizeTriangle(h, x, xo, codes, co, y, base, 16, 0, 16);
        final int[] s = h.scratch;
        final int skew = d - 1;
        // row l has coded columns 0 .. 15-l: its last result is its left neighbour now
        for (int l = 0, e = base + 15; l < 16; l++, e += skew) {
            s[YS + l] = Float.floatToRawIntBits(y[e]);
        }
        int t = 16;
        for (; t + 8 <= d; t += 8) {
            final int r = base + t;
            loadTile(x, xo + r, skew, s, TILE_X);
            loadTile(x, xo + r + 8 * skew, skew, s, TILE_X2);
            tileSteps2(h, y, r - d);
            storeTile(s, TILE_CODES, codes, co + r, skew);
            storeTile(s, TILE_CODES2, codes, co + r + 8 * skew, skew);
            storeTile(s, TILE_Y, y, r, skew);
            storeTile(s, TILE_Y2, y, r + 8 * skew, skew);
        }
        ScalarCodec.quantizeTriangle(h, x, xo, codes, co, y, base, 16, t, steps);
    }

    /**
     * Eight steps of both chains of {@link #quantizeWave16}: the second chain's lane 0 (row 8)
     * takes its upper neighbour from the first chain's lane 7 of the step before.
     */
    private static void tileSteps2(Header h, float[] y, int above) {
        final FloatVector aL = FloatVector.broadcast(F, h.lastCoefficient);
        final FloatVector aU = FloatVector.broadcast(F, h.a[h.axes - 2]);
        final FloatVector tick = FloatVector.broadcast(F, h.tick);
        final FloatVector invTick = FloatVector.broadcast(F, h.invTick);
        final FloatVector half = FloatVector.broadcast(F, Rounding.JUST_BELOW_HALF);
        final int[] s = h.scratch;
        FloatVector prevA = IntVector.fromArray(I, s, YS).reinterpretAsFloats();
        FloatVector prevB = IntVector.fromArray(I, s, YS + 8).reinterpretAsFloats();
        for (int k = 0; k < 8; k++) {
            FloatVector lastA = prevA.rearrange(UP1F);
            FloatVector pA = prevA.mul(aL).add(lastA.blend(y[above + k], FIRST).mul(aU));
            FloatVector pB = prevB.mul(aL).add(prevB.rearrange(UP1F).blend(lastA, FIRST).mul(aU));
            FloatVector xA = IntVector.fromArray(I, s, TILE_X + 8 * k).reinterpretAsFloats();
            FloatVector xB = IntVector.fromArray(I, s, TILE_X2 + 8 * k).reinterpretAsFloats();
            IntVector cA = roundHalfAwayFromZero(xA.sub(pA).mul(invTick), half);
            IntVector cB = roundHalfAwayFromZero(xB.sub(pB).mul(invTick), half);
            FloatVector yA = pA.add(((FloatVector) cA.convert(VectorOperators.I2F, 0)).mul(tick));
            FloatVector yB = pB.add(((FloatVector) cB.convert(VectorOperators.I2F, 0)).mul(tick));
            cA.intoArray(s, TILE_CODES + 8 * k);
            cB.intoArray(s, TILE_CODES2 + 8 * k);
            yA.reinterpretAsInts().intoArray(s, TILE_Y + 8 * k);
            yB.reinterpretAsInts().intoArray(s, TILE_Y2 + 8 * k);
            prevA = yA;
            prevB = yB;
        }
        prevA.reinterpretAsInts().intoArray(s, YS);
        prevB.reinterpretAsInts().intoArray(s, YS + 8);
    }

    /**
     * Eight steps of the eight-lane wavefront on the diagonals {@link #loadTile} left in the
     * scratch, the lanes' last y (their left neighbours) in the scratch at {@link #YS} before
     * and after; lane 0's upper neighbours from {@code y[above..above+8)}, the row above.
     */
    private static void tileSteps(Header h, float[] y, int above) {
        final FloatVector aL = FloatVector.broadcast(F, h.lastCoefficient);
        final FloatVector aU = FloatVector.broadcast(F, h.a[h.axes - 2]);
        final FloatVector tick = FloatVector.broadcast(F, h.tick);
        final FloatVector invTick = FloatVector.broadcast(F, h.invTick);
        final FloatVector half = FloatVector.broadcast(F, Rounding.JUST_BELOW_HALF);
        final int[] s = h.scratch;
        FloatVector prev = IntVector.fromArray(I, s, YS).reinterpretAsFloats();
        for (int k = 0; k < 8; k++) {
            FloatVector up = prev.rearrange(UP1F).blend(y[above + k], FIRST);
            FloatVector p = prev.mul(aL).add(up.mul(aU));
            FloatVector xv = IntVector.fromArray(I, s, TILE_X + 8 * k).reinterpretAsFloats();
            IntVector c = roundHalfAwayFromZero(xv.sub(p).mul(invTick), half);
            FloatVector yv = p.add(((FloatVector) c.convert(VectorOperators.I2F, 0)).mul(tick));
            c.intoArray(s, TILE_CODES + 8 * k);
            yv.reinterpretAsInts().intoArray(s, TILE_Y + 8 * k);
            prev = yv;
        }
        prev.reinterpretAsInts().intoArray(s, YS);
    }

    /**
     * Eight rows of a wavefront's x, row l from {@code x[o + l*skew]} on, transposed into the
     * eight steps' diagonals (vector k, lane l: row l, column t-l+k) in the scratch from
     * {@code at}: a transpose in registers, three stages of lane moves and blends.
     */
    private static void loadTile(float[] x, int o, int skew, int[] s, int at) {
        FloatVector v0 = FloatVector.fromArray(F, x, o);
        FloatVector v1 = FloatVector.fromArray(F, x, o + skew);
        FloatVector v2 = FloatVector.fromArray(F, x, o + 2 * skew);
        FloatVector v3 = FloatVector.fromArray(F, x, o + 3 * skew);
        FloatVector v4 = FloatVector.fromArray(F, x, o + 4 * skew);
        FloatVector v5 = FloatVector.fromArray(F, x, o + 5 * skew);
        FloatVector v6 = FloatVector.fromArray(F, x, o + 6 * skew);
        FloatVector v7 = FloatVector.fromArray(F, x, o + 7 * skew);
        FloatVector a0 = lower(v0, v1, UP1X, BIT1X), a1 = upper(v0, v1, DOWN1X, BIT1X);
        FloatVector a2 = lower(v2, v3, UP1X, BIT1X), a3 = upper(v2, v3, DOWN1X, BIT1X);
        FloatVector a4 = lower(v4, v5, UP1X, BIT1X), a5 = upper(v4, v5, DOWN1X, BIT1X);
        FloatVector a6 = lower(v6, v7, UP1X, BIT1X), a7 = upper(v6, v7, DOWN1X, BIT1X);
        FloatVector b0 = lower(a0, a2, UP2X, BIT2X), b2 = upper(a0, a2, DOWN2X, BIT2X);
        FloatVector b1 = lower(a1, a3, UP2X, BIT2X), b3 = upper(a1, a3, DOWN2X, BIT2X);
        FloatVector b4 = lower(a4, a6, UP2X, BIT2X), b6 = upper(a4, a6, DOWN2X, BIT2X);
        FloatVector b5 = lower(a5, a7, UP2X, BIT2X), b7 = upper(a5, a7, DOWN2X, BIT2X);
        lower(b0, b4, UP4X, BIT4X).reinterpretAsInts().intoArray(s, at + 0 * 8);
        lower(b1, b5, UP4X, BIT4X).reinterpretAsInts().intoArray(s, at + 1 * 8);
        lower(b2, b6, UP4X, BIT4X).reinterpretAsInts().intoArray(s, at + 2 * 8);
        lower(b3, b7, UP4X, BIT4X).reinterpretAsInts().intoArray(s, at + 3 * 8);
        upper(b0, b4, DOWN4X, BIT4X).reinterpretAsInts().intoArray(s, at + 4 * 8);
        upper(b1, b5, DOWN4X, BIT4X).reinterpretAsInts().intoArray(s, at + 5 * 8);
        upper(b2, b6, DOWN4X, BIT4X).reinterpretAsInts().intoArray(s, at + 6 * 8);
        upper(b3, b7, DOWN4X, BIT4X).reinterpretAsInts().intoArray(s, at + 7 * 8);
    }

    /**
     * The eight vectors of one of the tiled wavefront's outputs in the scratch (from {@code from},
     * vector k holding step k's diagonal) transposed back into eight rows, row l from
     * {@code a[o + l*skew]} on.
     */
    private static void storeTile(int[] s, int from, int[] a, int o, int skew) {
        IntVector v0 = IntVector.fromArray(I, s, from + 0 * 8);
        IntVector v1 = IntVector.fromArray(I, s, from + 1 * 8);
        IntVector v2 = IntVector.fromArray(I, s, from + 2 * 8);
        IntVector v3 = IntVector.fromArray(I, s, from + 3 * 8);
        IntVector v4 = IntVector.fromArray(I, s, from + 4 * 8);
        IntVector v5 = IntVector.fromArray(I, s, from + 5 * 8);
        IntVector v6 = IntVector.fromArray(I, s, from + 6 * 8);
        IntVector v7 = IntVector.fromArray(I, s, from + 7 * 8);
        IntVector a0 = lower(v0, v1, UP1, BIT1), a1 = upper(v0, v1, DOWN1, BIT1);
        IntVector a2 = lower(v2, v3, UP1, BIT1), a3 = upper(v2, v3, DOWN1, BIT1);
        IntVector a4 = lower(v4, v5, UP1, BIT1), a5 = upper(v4, v5, DOWN1, BIT1);
        IntVector a6 = lower(v6, v7, UP1, BIT1), a7 = upper(v6, v7, DOWN1, BIT1);
        IntVector b0 = lower(a0, a2, UP2, BIT2), b2 = upper(a0, a2, DOWN2, BIT2);
        IntVector b1 = lower(a1, a3, UP2, BIT2), b3 = upper(a1, a3, DOWN2, BIT2);
        IntVector b4 = lower(a4, a6, UP2, BIT2), b6 = upper(a4, a6, DOWN2, BIT2);
        IntVector b5 = lower(a5, a7, UP2, BIT2), b7 = upper(a5, a7, DOWN2, BIT2);
        lower(b0, b4, UP4, BIT4).intoArray(a, o);
        lower(b1, b5, UP4, BIT4).intoArray(a, o + skew);
        lower(b2, b6, UP4, BIT4).intoArray(a, o + 2 * skew);
        lower(b3, b7, UP4, BIT4).intoArray(a, o + 3 * skew);
        upper(b0, b4, DOWN4, BIT4).intoArray(a, o + 4 * skew);
        upper(b1, b5, DOWN4, BIT4).intoArray(a, o + 5 * skew);
        upper(b2, b6, DOWN4, BIT4).intoArray(a, o + 6 * skew);
        upper(b3, b7, DOWN4, BIT4).intoArray(a, o + 7 * skew);
    }

    /** {@link #storeTile} into float rows. */
    private static void storeTile(int[] s, int from, float[] a, int o, int skew) {
        FloatVector v0 = IntVector.fromArray(I, s, from + 0 * 8).reinterpretAsFloats();
        FloatVector v1 = IntVector.fromArray(I, s, from + 1 * 8).reinterpretAsFloats();
        FloatVector v2 = IntVector.fromArray(I, s, from + 2 * 8).reinterpretAsFloats();
        FloatVector v3 = IntVector.fromArray(I, s, from + 3 * 8).reinterpretAsFloats();
        FloatVector v4 = IntVector.fromArray(I, s, from + 4 * 8).reinterpretAsFloats();
        FloatVector v5 = IntVector.fromArray(I, s, from + 5 * 8).reinterpretAsFloats();
        FloatVector v6 = IntVector.fromArray(I, s, from + 6 * 8).reinterpretAsFloats();
        FloatVector v7 = IntVector.fromArray(I, s, from + 7 * 8).reinterpretAsFloats();
        FloatVector a0 = lower(v0, v1, UP1X, BIT1X), a1 = upper(v0, v1, DOWN1X, BIT1X);
        FloatVector a2 = lower(v2, v3, UP1X, BIT1X), a3 = upper(v2, v3, DOWN1X, BIT1X);
        FloatVector a4 = lower(v4, v5, UP1X, BIT1X), a5 = upper(v4, v5, DOWN1X, BIT1X);
        FloatVector a6 = lower(v6, v7, UP1X, BIT1X), a7 = upper(v6, v7, DOWN1X, BIT1X);
        FloatVector b0 = lower(a0, a2, UP2X, BIT2X), b2 = upper(a0, a2, DOWN2X, BIT2X);
        FloatVector b1 = lower(a1, a3, UP2X, BIT2X), b3 = upper(a1, a3, DOWN2X, BIT2X);
        FloatVector b4 = lower(a4, a6, UP2X, BIT2X), b6 = upper(a4, a6, DOWN2X, BIT2X);
        FloatVector b5 = lower(a5, a7, UP2X, BIT2X), b7 = upper(a5, a7, DOWN2X, BIT2X);
        lower(b0, b4, UP4X, BIT4X).intoArray(a, o);
        lower(b1, b5, UP4X, BIT4X).intoArray(a, o + skew);
        lower(b2, b6, UP4X, BIT4X).intoArray(a, o + 2 * skew);
        lower(b3, b7, UP4X, BIT4X).intoArray(a, o + 3 * skew);
        upper(b0, b4, DOWN4X, BIT4X).intoArray(a, o + 4 * skew);
        upper(b1, b5, DOWN4X, BIT4X).intoArray(a, o + 5 * skew);
        upper(b2, b6, DOWN4X, BIT4X).intoArray(a, o + 6 * skew);
        upper(b3, b7, DOWN4X, BIT4X).intoArray(a, o + 7 * skew);
    }

    /**
     * One stage of an in-register transpose, for the pair of vectors {@code s} apart (s = 1, 2, 4):
     * the lanes without bit s keep a's, those with it take b's from s lanes down. {@link #upper}
     * is the other half. Three stages transpose eight vectors of eight lanes.
     */
    private static IntVector lower(IntVector a, IntVector b, VectorShuffle<Integer> up, VectorMask<Integer> bit) {
        return a.blend(b.rearrange(up), bit);
    }

    /** {@link #lower} for float vectors. */
    private static FloatVector lower(FloatVector a, FloatVector b, VectorShuffle<Float> up, VectorMask<Float> bit) {
        return a.blend(b.rearrange(up), bit);
    }

    /** {@link #upper} for float vectors. */
    private static FloatVector upper(FloatVector a, FloatVector b, VectorShuffle<Float> down, VectorMask<Float> bit) {
        return a.rearrange(down).blend(b, bit);
    }

    /** The lanes without bit s take a's from s lanes up, those with it keep b's. */
    private static IntVector upper(IntVector a, IntVector b, VectorShuffle<Integer> down, VectorMask<Integer> bit) {
        return a.rearrange(down).blend(b, bit);
    }

    /** Index map of a wavefront: lane l at offset l*(d-1), kept in the header's scratch. */
    private static int[] diagonal(Header h, int d) {
        int[] map = h.scratch;
        for (int l = 0; l < LANES; l++) {
            map[l] = l * (d - 1);
        }
        return map;
    }

    /** {@link Rounding#halfAwayFromZero} on lanes: add the float below one half with q's sign, truncate. */
    private static IntVector roundHalfAwayFromZero(FloatVector q, FloatVector half) {
        IntVector sign = q.reinterpretAsInts().and(0x80000000);
        FloatVector signedHalf = half.reinterpretAsInts().or(sign).reinterpretAsFloats();
        return (IntVector) q.add(signedHalf).convert(VectorOperators.F2I, 0);
    }

    /**
     * The scalar kernel. Its eight-row wave (over steps computed beforehand, or taken from a table
     * at SSE), and its pass for rows predicted identically zero, measured faster than a lane wavefront at every width here:
     * decoding fbank ran at 0.86x-0.95x of scalar with 16 lanes on AVX-512's gather and scatter,
     * and the kernel alone at 0.5x-0.6x with 8 lanes through the scratch (AVX2), so
     * reconstruction has no lane form.
     */
    @Override
    public void reconstruct(Header h, int[] codes, int from, int to, float[] y, int yOffset) {
        ScalarCodec.INSTANCE.reconstruct(h, codes, from, to, y, yOffset);
    }

    /**
     * The closed form's tent maximum by doubling rounds on bytes through memory, without lane
     * moves ({@link DoublingWidths}): at SSE, where the Vector API has no instruction for lane
     * moves, and measured faster than the running prefix maxima in registers at AVX2 and AVX-512 too.
     */
    @Override
    public void widths(int[] values, int n, int[] w) {
        DoublingWidths.compute(values, n, w);
    }

    /**
     * The codes and fields of {@link ValueBits}, on lanes: the widths of each value's neighbours
     * come from the same array one lane to the left and right (unaligned loads); the first and
     * last values, whose neighbours are themselves, go one at a time.
     */
    @Override
    public void valueBits(int[] values, int n, int[] w, int[] fields) {
        if (n < LANES + 2) {
            ValueBits.compute(values, n, w, fields);
            return;
        }
        ValueBits.set(values, fields, 0, w[0], w[0], w[1]);
        int j = 1;
        if (!LANE_SHIFTS) {
            j = valueBitsWithoutShifts(values, n, w, fields);
        }
        for (; j <= n - 1 - LANES; j += LANES) {
            IntVector prev = IntVector.fromArray(I, w, j - 1);
            IntVector cur = IntVector.fromArray(I, w, j);
            IntVector next = IntVector.fromArray(I, w, j + 1);
            IntVector d = next.sub(cur);
            IntVector odd = d.and(1);
            IntVector changeLen = odd.add(1);
            IntVector change = odd.or(d.add(1).and(2));
            VectorMask<Integer> implied = prev.compare(VectorOperators.LE, cur).and(next.compare(VectorOperators.LE, cur));
            IntVector valueLen = cur.sub(IntVector.zero(I).blend(1, implied));
            VectorMask<Integer> zero = cur.compare(VectorOperators.EQ, 0);
            IntVector v = IntVector.fromArray(I, values, j);
            IntVector zigzag = v.lanewise(VectorOperators.LSHL, 1).lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 31));
            // the low valueLen bits; a shift by 32 - 0 would keep everything, so length 0 is masked to 0
            IntVector low = IntVector.broadcast(I, -1).lanewise(VectorOperators.LSHR, valueLen.neg().add(32))
                    .blend(0, valueLen.compare(VectorOperators.EQ, 0).or(zero));
            IntVector valueBits = zigzag.and(low);
            // the code is change | valueBits << changeLen; its bits from 32 up are what the shift
            // (by 1 or 2) pushes out of the lane
            IntVector code = valueBits.lanewise(VectorOperators.LSHL, changeLen).or(change).blend(0, zero);
            IntVector high = valueBits.lanewise(VectorOperators.LSHR, changeLen.neg().add(32));
            IntVector field = changeLen.add(valueLen).or(high.lanewise(VectorOperators.LSHL, 8)).blend(0, zero);
            field.intoArray(fields, j);
            code.intoArray(values, j);
        }
        for (; j < n - 1; j++) {
            ValueBits.set(values, fields, j, w[j - 1], w[j], w[j + 1]);
        }
        ValueBits.set(values, fields, n - 1, w[n - 2], w[n - 1], w[n - 1]);
    }

    /**
     * The interior of {@link #valueBits} from adds, logic and constant shifts only (at SSE the
     * Vector API's compares, so every mask, and per-lane shift counts fall back to Java and
     * allocate), in chunks of {@link #NARROW_CHUNK} values: {@link #narrowValueBits} where no
     * width in the chunk exceeds {@link #NARROW_WIDTH}, {@link #wideValueBits} elsewhere. The
     * chunk's widest width comes from a pass of lane maxima over its widths, stored in the
     * chunk's first fields (written over below) and read one at a time: no reduction, which at
     * SSE would fall back too. Returns where the lanes stopped.
     */
    private static int valueBitsWithoutShifts(int[] values, int n, int[] w, int[] fields) {
        int j = 1;
        int last = n - 1 - LANES;
        while (j <= last) {
            int end = j + Math.min(NARROW_CHUNK / LANES, (last - j) / LANES + 1) * LANES;
            IntVector widest = IntVector.zero(I);
            for (int t = j; t < end; t += LANES) {
                widest = widest.max(IntVector.fromArray(I, w, t));
            }
            widest.intoArray(fields, j);
            int most = 0;
            for (int l = 0; l < LANES; l++) {
                most = Math.max(most, fields[j + l]);
            }
            if (most <= NARROW_WIDTH) {
                narrowValueBits(values, w, fields, j, end);
            } else {
                wideValueBits(values, w, fields, j, end);
            }
            j = end;
        }
        return j;
    }

    /**
     * {@link #valueBitsWithoutShifts} on vectors from j to end where every width is at most
     * {@link #NARROW_WIDTH}, in about half the operations of {@link #wideValueBits}. The mask of
     * the low valueLen bits (w[i], or w[i] - 1 where the top bit is implied: both neighbours'
     * widths at most this one's) is {@code 2^valueLen - 1}, made from a float: 2^valueLen by its
     * exponent, plus 2^23, has the bits of {@code 0x4B000000 + 2^valueLen} exactly while
     * valueLen is at most 23. A code is then at most 25 bits long with its change bits, so its
     * field is its length (no bits from 32 up).
     */
    private static void narrowValueBits(int[] values, int[] w, int[] fields, int j, int end) {
        for (int t = j; t < end; t += LANES) {
            IntVector prev = IntVector.fromArray(I, w, t - 1);
            IntVector cur = IntVector.fromArray(I, w, t);
            // cur - next, -1 to 1: wideValueBits's -d, the way round both uses below want it
            IntVector e = cur.sub(IntVector.fromArray(I, w, t + 1));
            IntVector odd = e.and(1);
            // ValueBits's (d & 1) | ((d + 1) & 2) in one operation: next wider (e = -1) 0b11,
            // narrower (e = 1) 0b01, the same 0, which are the low two bits of e
            IntVector change = e.and(3);
            // 1 unless prev <= cur and next <= cur: then the top bit is implied
            IntVector notImplied = cur.sub(prev).or(e).lanewise(VectorOperators.LSHR, 31);
            IntVector lengthBelowChange = cur.add(notImplied); // valueLen + 1
            IntVector low = lengthBelowChange.lanewise(VectorOperators.LSHL, 23).add(126 << 23)
                    .reinterpretAsFloats().add(0x1p23f).reinterpretAsInts().sub(0x4B000001);
            IntVector nonZero = cur.neg().lanewise(VectorOperators.ASHR, 31);
            IntVector v = IntVector.fromArray(I, values, t);
            IntVector zigzag = v.lanewise(VectorOperators.LSHL, 1).lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 31));
            IntVector once = zigzag.and(low).lanewise(VectorOperators.LSHL, 1);
            IntVector code = once.add(once.and(odd.neg())).or(change).and(nonZero);
            lengthBelowChange.add(odd).and(nonZero).intoArray(fields, t);
            code.intoArray(values, t);
        }
    }

    /**
     * {@link #valueBitsWithoutShifts} on vectors from j to end, at any width: the scalar codec's
     * branch-free arithmetic on lanes. Where the top bit is implied (both neighbours' widths at
     * most this one's), the value's width is exactly w[i] (the widths' closed form), so its value
     * bits are its zigzag code without the highest set bit: the code masked with its bits smeared
     * down and shifted right once. The shift by the change code's length (1 or 2) is a shift by
     * one and an add of itself where the length is 2.
     */
    private static void wideValueBits(int[] values, int[] w, int[] fields, int from, int end) {
        for (int j = from; j < end; j += LANES) {
            IntVector prev = IntVector.fromArray(I, w, j - 1);
            IntVector cur = IntVector.fromArray(I, w, j);
            IntVector d = IntVector.fromArray(I, w, j + 1).sub(cur);
            IntVector odd = d.and(1);
            IntVector twoBitChange = odd.neg();
            IntVector change = odd.or(d.add(1).and(2));
            // 1 where prev <= cur and next <= cur: neither difference is negative
            IntVector implied = cur.sub(prev).or(d.neg()).lanewise(VectorOperators.LSHR, 31).lanewise(VectorOperators.XOR, 1);
            IntVector nonZero = cur.neg().lanewise(VectorOperators.ASHR, 31);
            IntVector length = odd.add(1).add(cur).sub(implied);
            IntVector v = IntVector.fromArray(I, values, j);
            IntVector zigzag = v.lanewise(VectorOperators.LSHL, 1).lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 31));
            IntVector smear = zigzag.or(zigzag.lanewise(VectorOperators.LSHR, 1));
            smear = smear.or(smear.lanewise(VectorOperators.LSHR, 2));
            smear = smear.or(smear.lanewise(VectorOperators.LSHR, 4));
            smear = smear.or(smear.lanewise(VectorOperators.LSHR, 8));
            smear = smear.or(smear.lanewise(VectorOperators.LSHR, 16));
            // implied: all bits below the top one; otherwise all bits (w[i] is at least the width)
            IntVector valueBits = zigzag.and(smear.lanewise(VectorOperators.LSHR, 1).or(implied.sub(1)));
            IntVector once = valueBits.lanewise(VectorOperators.LSHL, 1);
            IntVector code = once.add(once.and(twoBitChange)).or(change).and(nonZero);
            // the top two value bits, of which the shift pushes out the top one or both
            IntVector top = valueBits.lanewise(VectorOperators.LSHR, 30);
            IntVector high = top.add(top.and(twoBitChange)).lanewise(VectorOperators.LSHR, 1);
            IntVector field = length.or(high.lanewise(VectorOperators.LSHL, 8)).and(nonZero);
            field.intoArray(fields, j);
            code.intoArray(values, j);
        }
    }

    /**
     * The eight index-striped partial sums on as many double vectors as make 8 lanes. Along rows
     * whose length is a multiple of 8 (the last axis, stride 1: fbank's 80 columns), every row
     * after the first runs as whole groups of 8 with the sums kept in registers; elsewhere each
     * block has a scalar head up to a multiple of 8 and loads and stores the sums.
     */
    @Override
    public void neighbourSums(double[] r, int n, int blockLength, int stride, double[] sums) {
        if (stride == 1 && blockLength % 8 == 0 && n > blockLength) {
            // the first row as any block: its first element has nothing before it to read
            neighbourSumsOfBlocks(r, blockLength, blockLength, 1, sums);
            neighbourSumsAlongRows(r, n, blockLength, sums);
        } else {
            neighbourSumsOfBlocks(r, n, blockLength, stride, sums);
        }
    }

    private static void neighbourSumsOfBlocks(double[] r, int n, int blockLength, int stride, double[] sums) {
        final int dl = D.length();
        for (int block = 0; block < n; block += blockLength) {
            int j = block + stride;
            int end = block + blockLength;
            int aligned = Math.min(end, (j + 7) & ~7);
            ScalarCodec.addNeighbours(r, j, aligned, stride, sums);
            j = aligned;
            if (j + 8 <= end) {
                DoubleVector p0 = DoubleVector.fromArray(D, sums, 0);
                DoubleVector s0 = DoubleVector.fromArray(D, sums, 8);
                DoubleVector p1 = PARTS > 1 ? DoubleVector.fromArray(D, sums, dl) : null;
                DoubleVector s1 = PARTS > 1 ? DoubleVector.fromArray(D, sums, 8 + dl) : null;
                DoubleVector p2 = PARTS > 2 ? DoubleVector.fromArray(D, sums, 2 * dl) : null;
                DoubleVector s2 = PARTS > 2 ? DoubleVector.fromArray(D, sums, 8 + 2 * dl) : null;
                DoubleVector p3 = PARTS > 2 ? DoubleVector.fromArray(D, sums, 3 * dl) : null;
                DoubleVector s3 = PARTS > 2 ? DoubleVector.fromArray(D, sums, 8 + 3 * dl) : null;
                for (; j + 8 <= end; j += 8) {
                    int i = j - stride;
                    DoubleVector l0 = DoubleVector.fromArray(D, r, i);
                    p0 = p0.add(l0.mul(DoubleVector.fromArray(D, r, j)));
                    s0 = s0.add(l0.mul(l0));
                    if (PARTS > 1) {
                        DoubleVector l1 = DoubleVector.fromArray(D, r, i + dl);
                        p1 = p1.add(l1.mul(DoubleVector.fromArray(D, r, j + dl)));
                        s1 = s1.add(l1.mul(l1));
                    }
                    if (PARTS > 2) {
                        DoubleVector l2 = DoubleVector.fromArray(D, r, i + 2 * dl);
                        p2 = p2.add(l2.mul(DoubleVector.fromArray(D, r, j + 2 * dl)));
                        s2 = s2.add(l2.mul(l2));
                        DoubleVector l3 = DoubleVector.fromArray(D, r, i + 3 * dl);
                        p3 = p3.add(l3.mul(DoubleVector.fromArray(D, r, j + 3 * dl)));
                        s3 = s3.add(l3.mul(l3));
                    }
                }
                p0.intoArray(sums, 0);
                s0.intoArray(sums, 8);
                if (PARTS > 1) {
                    p1.intoArray(sums, dl);
                    s1.intoArray(sums, 8 + dl);
                }
                if (PARTS > 2) {
                    p2.intoArray(sums, 2 * dl);
                    s2.intoArray(sums, 8 + 2 * dl);
                    p3.intoArray(sums, 3 * dl);
                    s3.intoArray(sums, 8 + 3 * dl);
                }
            }
            ScalarCodec.addNeighbours(r, j, end, stride, sums);
        }
    }

    /**
     * The neighbour sums along rows (stride 1) whose length d is a multiple of 8, every row after
     * the first: each row is whole groups of 8 from its start, so the eight partial sums stay in
     * registers from row to row instead of going through {@code sums} and a scalar head per row.
     * A row's first element has no left neighbour: its lane adds -0.0 instead, which leaves the
     * sum's bits as they are (x + -0.0 is x for every x, +0.0 and -0.0 included; +0.0 would turn
     * a -0.0 sum into +0.0), so the sums are the reference's bit for bit.
     */
    private static void neighbourSumsAlongRows(double[] r, int n, int d, double[] sums) {
        final int dl = D.length();
        DoubleVector p0 = DoubleVector.fromArray(D, sums, 0);
        DoubleVector s0 = DoubleVector.fromArray(D, sums, 8);
        DoubleVector p1 = PARTS > 1 ? DoubleVector.fromArray(D, sums, dl) : null;
        DoubleVector s1 = PARTS > 1 ? DoubleVector.fromArray(D, sums, 8 + dl) : null;
        DoubleVector p2 = PARTS > 2 ? DoubleVector.fromArray(D, sums, 2 * dl) : null;
        DoubleVector s2 = PARTS > 2 ? DoubleVector.fromArray(D, sums, 8 + 2 * dl) : null;
        DoubleVector p3 = PARTS > 2 ? DoubleVector.fromArray(D, sums, 3 * dl) : null;
        DoubleVector s3 = PARTS > 2 ? DoubleVector.fromArray(D, sums, 8 + 3 * dl) : null;
        for (int row = d; row < n; row += d) {
            for (int j = row; j < row + d; j += 8) {
                int i = j - 1;
                DoubleVector l0 = DoubleVector.fromArray(D, r, i);
                DoubleVector products = l0.mul(DoubleVector.fromArray(D, r, j));
                DoubleVector squares = l0.mul(l0);
                if (j == row) {
                    // lane 0 read the previous row's last element: -0.0 in its place
                    products = firstNegativeZero(products);
                    squares = firstNegativeZero(squares);
                }
                p0 = p0.add(products);
                s0 = s0.add(squares);
                if (PARTS > 1) {
                    DoubleVector l1 = DoubleVector.fromArray(D, r, i + dl);
                    p1 = p1.add(l1.mul(DoubleVector.fromArray(D, r, j + dl)));
                    s1 = s1.add(l1.mul(l1));
                }
                if (PARTS > 2) {
                    DoubleVector l2 = DoubleVector.fromArray(D, r, i + 2 * dl);
                    p2 = p2.add(l2.mul(DoubleVector.fromArray(D, r, j + 2 * dl)));
                    s2 = s2.add(l2.mul(l2));
                    DoubleVector l3 = DoubleVector.fromArray(D, r, i + 3 * dl);
                    p3 = p3.add(l3.mul(DoubleVector.fromArray(D, r, j + 3 * dl)));
                    s3 = s3.add(l3.mul(l3));
                }
            }
        }
        p0.intoArray(sums, 0);
        s0.intoArray(sums, 8);
        if (PARTS > 1) {
            p1.intoArray(sums, dl);
            s1.intoArray(sums, 8 + dl);
        }
        if (PARTS > 2) {
            p2.intoArray(sums, 2 * dl);
            s2.intoArray(sums, 8 + 2 * dl);
            p3.intoArray(sums, 3 * dl);
            s3.intoArray(sums, 8 + 3 * dl);
        }
    }

    /**
     * Slices from the last to the first, as the scalar kernel goes; within a slice two double
     * vectors a step (two independent load-multiply-subtract-store chains), each reading only
     * the slice below, which nothing has changed yet. A slice shorter than two vectors, and the
     * rest of each slice, goes through the scalar loop.
     */
    @Override
    public void subtractPrevious(double[] r, int n, int blockLength, int stride, double c) {
        final int dl = D.length();
        for (int block = 0; block < n; block += blockLength) {
            for (int slice = block + blockLength - stride; slice > block; slice -= stride) {
                int j = slice;
                int end = slice + stride;
                for (; j <= end - 2 * dl; j += 2 * dl) {
                    DoubleVector a = DoubleVector.fromArray(D, r, j);
                    DoubleVector b = DoubleVector.fromArray(D, r, j + dl);
                    a.sub(DoubleVector.fromArray(D, r, j - stride).mul(c)).intoArray(r, j);
                    b.sub(DoubleVector.fromArray(D, r, j + dl - stride).mul(c)).intoArray(r, j + dl);
                }
                ScalarCodec.subtractSlice(r, j, end, stride, c);
            }
        }
    }

    /** v with its first lane -0.0, by bit logic (no mask: at SSE masks fall back to Java). */
    private static DoubleVector firstNegativeZero(DoubleVector v) {
        return v.reinterpretAsLongs().and(ALL_BUT_FIRST).or(NEGATIVE_ZERO_FIRST).reinterpretAsDoubles();
    }
}
