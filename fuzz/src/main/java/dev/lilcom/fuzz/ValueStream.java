package dev.lilcom.fuzz;

import dev.lilcom.format.Header;
import dev.lilcom.format.StreamReader;
import dev.lilcom.format.StreamWriter;
import dev.lilcom.format.Widths;
import dev.lilcom.format.ZigZag;
import java.util.Arrays;

/**
 * A blob as the ints of its stream (header values, then codes), and back. Editing the ints and
 * re-encoding them gives blobs whose bit stream is well formed but whose header says anything we
 * like, which flipping bits rarely achieves.
 */
public final class ValueStream {
    private ValueStream() {}

    /**
     * The ints of a valid blob: axis count, tick power, a dim and a coefficient per axis, then the
     * codes.
     *
     * @throws dev.lilcom.LilcomFormatException if the blob is not valid
     */
    public static int[] read(byte[] blob) {
        StreamReader in = new StreamReader(blob, 0, blob.length);
        int axes = in.next();
        int[] header = new int[Header.valueCount(axes)];
        header[0] = axes;
        header[1] = in.next();
        long n = 1;
        for (int k = 0; k < axes; k++) {
            header[2 + 2 * k] = in.next();
            header[3 + 2 * k] = in.next();
            n *= header[2 + 2 * k];
        }
        int[] values = Arrays.copyOf(header, header.length + Math.toIntExact(n));
        in.next(values, header.length, (int) n);
        in.finish();
        for (int i = header.length; i < values.length; i++) {
            values[i] = ZigZag.decode(values[i]);
        }
        return values;
    }

    /** Encodes ints as a blob with the format's widths: the inverse of {@link #read}. */
    public static byte[] write(int[] values) {
        int[] widths = new int[values.length];
        Widths.compute(values, values.length, widths);
        StreamWriter writer = new StreamWriter();
        int length = writer.write(values, values.length, widths);
        return Arrays.copyOf(writer.buffer(), length);
    }

    /** Number of header ints at the start of {@code values} (from its axis count). */
    public static int headerLength(int[] values) {
        return Header.valueCount(values[0]);
    }
}
