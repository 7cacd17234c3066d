package dev.lilcom.fuzz;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import java.util.ArrayList;
import java.util.List;

/** The codecs this JVM can run. */
public final class Codecs {
    private Codecs() {}

    /** The scalar codec, then the vector codec when its jar and {@code jdk.incubator.vector} are present. */
    public static List<LilcomCodec> available() {
        List<LilcomCodec> codecs = new ArrayList<>(List.of(LilcomCodec.scalar()));
        try {
            codecs.add(Lilcom.codec("vector"));
        } catch (IllegalStateException e) {
            // absent here; vectorStatus() says why
        }
        return codecs;
    }

    /** Whether the vector codec runs here, and if not, why. */
    public static String vectorStatus() {
        try {
            return "vector codec: " + Lilcom.codec("vector");
        } catch (IllegalStateException e) {
            return "vector codec not available: " + e.getMessage();
        }
    }
}
