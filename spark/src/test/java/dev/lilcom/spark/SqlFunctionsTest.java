package dev.lilcom.spark;

import static dev.lilcom.spark.LilcomFunctions.lilcom_compress;
import static dev.lilcom.spark.LilcomFunctions.lilcom_decompress;
import static dev.lilcom.spark.LilcomFunctions.lilcom_header;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.LilcomArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlFunctionsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    private static float[] randomFeatures(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * 3 - 5);
        }
        return x;
    }

    /** Rows (id, features, shape) of a few arrays, one of them a single row. */
    private static Dataset<Row> arrays() {
        Random random = new Random(13);
        List<Row> rows = new ArrayList<>();
        int[][] shapes = {{7, 80}, {1200, 40}, {1, 80}, {3}};
        for (int i = 0; i < shapes.length; i++) {
            int n = 1;
            for (int d : shapes[i]) {
                n *= d;
            }
            float[] x = randomFeatures(random, n);
            List<Float> features = new ArrayList<>();
            for (float v : x) {
                features.add(v);
            }
            List<Integer> shape = new ArrayList<>();
            for (int d : shapes[i]) {
                shape.add(d);
            }
            rows.add(RowFactory.create(i, features, shape));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType))
                .add("shape", DataTypes.createArrayType(DataTypes.IntegerType));
        return spark.createDataFrame(rows, schema);
    }

    private static float[] floats(List<Float> list) {
        float[] x = new float[list.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = list.get(i);
        }
        return x;
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void sqlAndDataFrameCallsGiveLilcomsBytesAndFloats() {
        arrays().createOrReplaceTempView("arrays");
        List<Row> sql = spark.sql("SELECT id, features, shape, blob, lilcom_decompress(blob) AS back,"
                + " lilcom_header(blob) AS header"
                + " FROM (SELECT *, lilcom_compress(features, shape, -5) AS blob FROM arrays) ORDER BY id")
                .collectAsList();
        List<Row> api = arrays()
                .withColumn("blob", lilcom_compress(col("features"), col("shape"), -5))
                .select(col("id"), lilcom_decompress(col("blob")).getField("data").as("data"))
                .orderBy("id").collectAsList();
        assertEquals(4, sql.size());
        for (int i = 0; i < sql.size(); i++) {
            Row row = sql.get(i);
            float[] features = floats(row.getList(1));
            int[] shape = ints(row.getList(2));
            byte[] expected = Lilcom.compress(features, shape, CompressOptions.defaults().withTickPower(-5));
            assertArrayEquals(expected, (byte[]) row.get(3), "blob of row " + i);
            LilcomArray back = Lilcom.decompress(expected);
            Row decoded = row.getStruct(4);
            assertArrayEquals(back.shape(), ints(decoded.getList(0)), "shape of row " + i);
            assertArrayEquals(back.data(), floats(decoded.getList(1)), "data of row " + i);
            assertArrayEquals(back.data(), floats(api.get(i).getList(1)), "DataFrame API data of row " + i);
            Row header = row.getStruct(5);
            assertArrayEquals(shape, ints(header.getList(0)));
            assertEquals(-5, header.getInt(1));
            assertEquals(Lilcom.header(expected).maxError(), header.getDouble(3));
        }
    }

    @Test
    void corruptBlobsFailNamingTheBlobOrGiveNullWhenAsked() {
        byte[] good = Lilcom.compress(randomFeatures(new Random(1), 600), 30, 20);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        Dataset<Row> blobs = spark.createDataFrame(
                List.of(RowFactory.create(1, good), RowFactory.create(2, truncated)),
                new StructType().add("id", DataTypes.IntegerType).add("blob", DataTypes.BinaryType));
        blobs.createOrReplaceTempView("blobs");
        Exception failure = assertThrows(Exception.class,
                () -> spark.sql("SELECT id, lilcom_decompress(blob) FROM blobs").collectAsList());
        String message = messages(failure);
        assertTrue(message.contains("lilcom_decompress: blob " + CorruptBlobException.hex(truncated)), message);
        assertTrue(message.contains("STREAM_ENDED_EARLY"), message);

        spark.conf().set(LilcomSparkExtensions.ON_CORRUPT_BLOB, "null");
        try {
            List<Row> rows = spark.sql("SELECT id, lilcom_decompress(blob) AS d FROM blobs ORDER BY id").collectAsList();
            assertEquals(600, rows.get(0).getStruct(1).getList(1).size());
            assertNull(rows.get(1).get(1));
        } finally {
            spark.conf().unset(LilcomSparkExtensions.ON_CORRUPT_BLOB);
        }
    }

    /** The tests' JVM has jdk.incubator.vector (Spark 4.2's own option list adds it), so tasks use the vector codec. */
    @Test
    void tasksDecodeWithTheVectorCodecWhereTheModuleIsPresent() {
        List<String> codecs = spark.range(0, 2, 1, 2)
                .mapPartitions((MapPartitionsFunction<Long, String>) rows -> List.of(TaskCodecs.get().decoder().codec().name())
                        .iterator(), Encoders.STRING())
                .collectAsList();
        assertEquals(List.of("vector", "vector"), codecs);
    }

    static String messages(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            s.append(t.getMessage()).append('\n');
        }
        return s.toString();
    }
}
