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

    /** Prints the available codecs as {@code scalar,vector}; why any is missing goes to stderr. */
    public static void main(String[] args) {
        System.out.println(String.join(",", names(reason -> System.err.println("not benchmarking the " + reason))));
    }
}
