package dev.lilcom;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Chooses the default codec once, Lucene-style: the vector codec only when the JVM is Java 25 or
 * newer, the {@code jdk.incubator.vector} module is in the boot layer, the {@code codec-vector} jar
 * is on the class path and the hardware has vectors of 128 bits or more; otherwise the scalar one.
 * One log line says which and why; the vector jar never makes the default choice fail. The system property
 * {@code dev.lilcom.codec} ({@code auto}, {@code scalar} or {@code vector}) overrides the choice.
 */
final class CodecLoader {
    static final String PROPERTY = "dev.lilcom.codec";
    private static final String VECTOR_CLASS = "dev.lilcom.vector.VectorCodec";
    /** The Java release codec-vector is compiled for: older JVMs cannot link its classes. */
    private static final int VECTOR_RELEASE = 25;
    private static final System.Logger LOG = System.getLogger("dev.lilcom");

    private static volatile LilcomCodec chosen;

    private CodecLoader() {}

    static LilcomCodec defaultCodec() {
        LilcomCodec c = chosen;
        if (c == null) {
            synchronized (CodecLoader.class) {
                c = chosen;
                if (c == null) {
                    chosen = c = choose();
                }
            }
        }
        return c;
    }

    static LilcomCodec byName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "scalar":
                return LilcomCodec.scalar();
            case "vector":
                return loadVector();
            case "auto":
                return defaultCodec();
            default:
                throw new IllegalArgumentException("unknown codec '" + name + "': use auto, scalar or vector");
        }
    }

    private static LilcomCodec choose() {
        String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "scalar":
                LOG.log(Level.INFO, "lilcom: using the scalar codec (-D" + PROPERTY + "=scalar)");
                return LilcomCodec.scalar();
            case "vector":
                LilcomCodec v = loadVector();
                LOG.log(Level.INFO, "lilcom: using the " + v + " (-D" + PROPERTY + "=vector)");
                return v;
            case "auto":
            case "":
                try {
                    LilcomCodec vector = loadVector();
                    LOG.log(Level.INFO, "lilcom: using the " + vector);
                    return vector;
                } catch (IllegalStateException e) {
                    LOG.log(Level.INFO, "lilcom: using the scalar codec: " + e.getMessage());
                    return LilcomCodec.scalar();
                }
            default:
                throw new IllegalStateException("-D" + PROPERTY + "=" + wanted
                        + " is not a codec: use auto, scalar or vector");
        }
    }

    /**
     * Loads the vector codec by name, after checking that it can run here. Nothing the vector jar
     * does can escape as anything but this exception: on an older JVM its classes do not link
     * ({@link UnsupportedClassVersionError}), without the module they do not resolve, and its
     * static set-up may fail on unusual hardware.
     *
     * @throws IllegalStateException saying what is missing
     */
    private static LilcomCodec loadVector() {
        if (Runtime.version().feature() < VECTOR_RELEASE) {
            throw new IllegalStateException("the vector codec needs Java " + VECTOR_RELEASE
                    + " or newer; this JVM is Java " + Runtime.version());
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException(
                    "the vector codec needs the jdk.incubator.vector module: run java with --add-modules jdk.incubator.vector");
        }
        Class<?> type;
        try {
            type = Class.forName(VECTOR_CLASS, true, CodecLoader.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "the vector codec is not on the class path: add the lilcom-codec-vector jar");
        } catch (UnsupportedClassVersionError e) {
            throw new IllegalStateException("the vector codec's classes are too new for this JVM (Java "
                    + Runtime.version() + "): " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new IllegalStateException("the vector codec failed to load: " + e, e);
        }
        try {
            return (LilcomCodec) MethodHandles.publicLookup()
                    .findStatic(type, "create", MethodType.methodType(LilcomCodec.class))
                    .invoke();
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (Throwable e) {
            throw new IllegalStateException("the vector codec failed to load: " + e, e);
        }
    }
}
