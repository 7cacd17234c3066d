package dev.lilcom.jmh;

import dev.lilcom.Lilcom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which codecs can run in this JVM. As a program it prints them comma-separated, the form JMH's
 * {@code -p codec=...} takes, and says on stderr why any other cannot run; run-benchmarks.sh uses
 * it so that a default run measures every codec there is and no other.
 */
public final class AvailableCodecs {
    private static final List<String> ALL = List.of("scalar", "vector");

    private AvailableCodecs() {}

    /** The codecs {@link Lilcom#codec(String)} can load here, scalar first. */
    static List<String> names() {
        return names(reason -> { });
    }

    private static List<String> names(Consumer<String> missing) {
        List<String> names = new ArrayList<>();
        for (String name : ALL) {
            try {
                Lilcom.codec(name);
                names.add(name);
            } catch (IllegalStateException e) {
                missing.accept(name + " codec: " + e.getMessage());
            }
        }
        return names;
    }

    /**
     * Prints the available codecs as {@code scalar,vector}; why any is missing goes to stderr.
     * With {@code --describe}, prints instead the vector codec's width, instruction set and which
     * kernels it runs on lanes here, or why it cannot run.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--describe")) {
            try {
                System.out.println(Lilcom.codec("vector"));
            } catch (IllegalStateException e) {
                System.out.println("not available: " + e.getMessage());
            }
            return;
        }
        System.out.println(String.join(",", names(reason -> System.err.println("not benchmarking the " + reason))));
    }
}
