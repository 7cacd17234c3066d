package dev.lilcom.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {
    /** The argfile the tests and bin/lilcom-spark run with is Spark's own list, whole. */
    @Test
    void argFileHoldsSparksJavaModuleOptions() throws IOException {
        List<String> options = Files.readAllLines(Path.of("spark-jvm-options")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertEquals(List.of(JavaModuleOptions.defaultModuleOptionArray()), options);
    }
}
