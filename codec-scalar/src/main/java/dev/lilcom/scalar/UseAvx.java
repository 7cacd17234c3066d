package dev.lilcom.scalar;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * HotSpot's {@code UseAVX} level on x86 (the CPU's, or lower with {@code -XX:UseAVX=N}): which
 * instructions C2 emits, as far as the choice of kernels needs it. Public for the vector codec.
 */
public final class UseAvx {
    /** {@code UseAVX} (0 to 3) on x86 HotSpot; -1 elsewhere (another architecture, or unknown). */
    public static final int LEVEL = level();

    private UseAvx() {}

    private static int level() {
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return -1;
        }
        try {
            return Integer.parseInt(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseAVX").getValue());
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or no jdk.management module: assume nothing
            return -1;
        }
    }
}
