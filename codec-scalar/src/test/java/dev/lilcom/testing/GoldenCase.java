package dev.lilcom.testing;

import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One vector made by the reference lilcom ({@code ../shared/golden}, copied into test resources
 * under {@code golden/}): its input, its blob and its decoded output.
 */
public record GoldenCase(String name, int[] shape, boolean float64, int tickPower, boolean regression,
        int[] coeffs, int compressedBytes) {

    @Override
    public String toString() {
        return name;
    }

    /** Every case of {@code golden/cases.json}. */
    @SuppressWarnings("unchecked")
    public static List<GoldenCase> all() {
        List<Object> list = (List<Object>) MiniJson.parse(new String(resource("cases.json"), StandardCharsets.UTF_8));
        List<GoldenCase> cases = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> m = (Map<String, Object>) o;
            cases.add(new GoldenCase((String) m.get("name"), ints(m.get("shape")),
                    "float64".equals(m.get("dtype")), ((Long) m.get("tick_power")).intValue(),
                    (Boolean) m.get("do_regression"), ints(m.get("coeffs")),
                    ((Long) m.get("compressed_bytes")).intValue()));
        }
        return cases;
    }

    public byte[] blob() {
        return resource(name + ".llc");
    }

    public NpyArray input() {
        return npy(name + ".input.npy");
    }

    public float[] output() {
        return npy(name + ".output.npy").toFloat32C();
    }

    private static NpyArray npy(String file) {
        try (InputStream in = open(file)) {
            return Npy.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = GoldenCase.class.getResourceAsStream("/golden/" + file);
        if (in == null) {
            throw new IllegalStateException("missing test resource golden/" + file);
        }
        return in;
    }

    @SuppressWarnings("unchecked")
    private static int[] ints(Object o) {
        List<Object> l = (List<Object>) o;
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((Long) l.get(i)).intValue();
        }
        return a;
    }
}
