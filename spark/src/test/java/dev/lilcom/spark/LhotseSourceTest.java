package dev.lilcom.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.CutJson;
import dev.lilcom.lhotse.FeatureMatrix;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import dev.lilcom.lhotse.ManifestReader;
import dev.lilcom.lhotse.MonoCut;
import dev.lilcom.lhotse.SharReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.Seq;

/** Reading and writing lhotse corpora on Spark, against the corpus lhotse wrote (../shared). */
class LhotseSourceTest {
    /** The corpus lhotse wrote and read back: beside the repository, which is this module's parent. */
    static final Path CORPUS = Path.of("../../shared/lhotse-corpus").toAbsolutePath().normalize();
    static final Path CHUNKY = CORPUS.resolve("cuts-lilcom_chunky.jsonl.gz");
    static final Path FILES = CORPUS.resolve("cuts-lilcom_files.jsonl.gz");
    static final Path MIXED = CORPUS.resolve("cuts-mixed.jsonl.gz");

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    /** What our single-machine reader (bit-exact with lhotse) loads for each cut, by id. */
    static Map<String, FeatureMatrix> loadedByReader(Path manifest) {
        Map<String, FeatureMatrix> loaded = new LinkedHashMap<>();
        try (FeatureReader reader = new FeatureReader(); ManifestReader<Cut> cuts = ManifestReader.allCuts(manifest)) {
            while (cuts.hasNext()) {
                Cut cut = cuts.next();
                loaded.put(cut.id(), reader.load(cut));
            }
        }
        return loaded;
    }

    /** A row's {@code features} as one row-major array. */
    static float[] flatten(Row row, int field) {
        List<Object> frames = row.getList(field);
        List<Float> values = new ArrayList<>();
        for (Object frame : frames) {
            scala.jdk.javaapi.CollectionConverters.asJava((Seq<?>) frame).forEach(v -> values.add((Float) v));
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static Map<String, Row> byId(Dataset<Row> rows) {
        Map<String, Row> map = new TreeMap<>();
        for (Row row : rows.collectAsList()) {
            map.put(row.getString(row.fieldIndex("id")), row);
        }
        return map;
    }

    private static void assertSameFeatures(Map<String, FeatureMatrix> expected, Dataset<Row> rows) {
        assertSameFeatures(expected, rows, 0);
    }

    /** Same ids and shapes, every value within {@code maxError}. */
    private static void assertSameFeatures(Map<String, FeatureMatrix> expected, Dataset<Row> rows, double maxError) {
        Map<String, Row> got = byId(rows.select("id", "num_frames", "num_features", "features"));
        assertEquals(expected.keySet(), got.keySet());
        for (Map.Entry<String, FeatureMatrix> e : expected.entrySet()) {
            Row row = got.get(e.getKey());
            assertEquals(e.getValue().frames(), row.getInt(1), e.getKey());
            assertEquals(e.getValue().numFeatures(), row.getInt(2), e.getKey());
            float[] want = e.getValue().toArray();
            float[] read = flatten(row, 3);
            if (maxError == 0) {
                assertArrayEquals(want, read, e.getKey());
            } else {
                assertEquals(want.length, read.length, e.getKey());
                for (int i = 0; i < want.length; i++) {
                    assertTrue(Math.abs(want[i] - read[i]) <= maxError, e.getKey() + " element " + i + ": " + want[i]
                            + " was written, " + read[i] + " read back");
                }
            }
        }
    }

    @Test
    void readsEveryCutTypeAndStorageTypeInLineRanges() {
        for (Path manifest : List.of(CHUNKY, FILES, MIXED)) {
            Dataset<Row> cuts = spark.read().format("lhotse").option("partitions", 3).load(manifest.toString());
            assertEquals(3, cuts.rdd().getNumPartitions(), manifest.toString());
            assertSameFeatures(loadedByReader(manifest), cuts);
        }
        Row first = spark.read().format("lhotse").load(CHUNKY.toString())
                .where(col("id").equalTo("rec01-lilcomchunky-00")).first();
        assertEquals("rec01", first.getString(first.fieldIndex("recording_id")));
        assertEquals(10.66, first.getDouble(first.fieldIndex("duration")));
        assertEquals(16000, first.getInt(first.fieldIndex("sampling_rate")));
        assertEquals("kaldi-fbank", first.getString(first.fieldIndex("feature_type")));
    }

    @Test
    void featuresAreOnlyReadWhenSelected(@TempDir Path dir) throws IOException {
        // the same cuts, pointing at an archive that does not exist
        Path broken = rewrite(CHUNKY, dir.resolve("cuts.jsonl.gz"), cut -> {
            ((ObjectNode) cut.get("features")).put("storage_path", CORPUS.resolve("storage/missing.lca").toString());
            return cut;
        });
        Dataset<Row> cuts = spark.read().format("lhotse").load(broken.toString());
        assertEquals(8, cuts.select("id", "num_frames", "supervisions").collectAsList().size());
        Exception failure = assertThrows(Exception.class, () -> cuts.select("id", "features").collectAsList());
        String messages = SqlFunctionsTest.messages(failure);
        assertTrue(messages.contains("missing.lca does not exist"), messages);
    }

    @Test
    void badManifestLinesAndUnwritableRowsAreNamed(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("cuts.jsonl");
        Files.writeString(manifest, "{\"id\": \"a\", \"start\": 0, \"duration\": 1}\n\n"
                + "{\"id\": \"b\", \"start\": \"soon\", \"duration\": 1}\n");
        Exception failure = assertThrows(Exception.class,
                () -> spark.read().format("lhotse").load(manifest.toString()).select("id").collectAsList());
        String messages = SqlFunctionsTest.messages(failure);
        assertTrue(messages.contains(manifest + " line 3 (cut b): field \"start\" must be a number"), messages);

        Exception unwritable = assertThrows(Exception.class,
                () -> spark.range(3).write().format("lhotse").mode("overwrite").save(dir.resolve("out").toString()));
        messages = SqlFunctionsTest.messages(unwritable);
        assertTrue(messages.contains("column id must be string, not bigint"), messages);
    }

    /** Writes the manifest's cuts, each changed by {@code edit}, with absolute storage paths. */
    static Path rewrite(Path manifest, Path out, UnaryOperator<ObjectNode> edit) throws IOException {
        try (BufferedReader in = ManifestLines.open(manifest);
             Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(out)), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                ObjectNode cut = (ObjectNode) CutJson.mapper().readTree(line);
                ObjectNode features = (ObjectNode) cut.get("features");
                features.put("storage_path", CORPUS.resolve(features.get("storage_path").asText()).toString());
                w.write(CutJson.mapper().writeValueAsString(edit.apply(cut)) + "\n");
            }
        }
        return out;
    }

    @Test
    void chunkyShardsWrittenInParallelReadBackTheSame(@TempDir Path dir) throws IOException {
        // the corpus has no supervisions: give each cut two
        Path manifest = rewrite(CHUNKY, dir.resolve("in.jsonl.gz"), cut -> {
            String id = cut.get("id").asText();
            for (int i = 0; i < 2; i++) {
                ObjectNode s = cut.withArray("supervisions").addObject();
                s.put("id", id + "-sup" + i).put("recording_id", cut.at("/features/recording_id").asText())
                        .put("start", 0.5 * i).put("duration", 0.25).put("channel", 0).put("text", "words " + i + " of " + id)
                        .put("speaker", "spk" + i);
            }
            return cut;
        });
        Map<String, FeatureMatrix> expected = loadedByReader(manifest);
        Dataset<Row> cuts = spark.read().format("lhotse").load(manifest.toString()).repartition(2);
        String out = dir.resolve("out").toString();
        cuts.write().format("lhotse").option("storage", "lilcom_chunky").mode("overwrite").save(out);
        assertEquals(List.of("cuts.000000.jsonl.gz", "cuts.000001.jsonl.gz"),
                LhotseScan.manifestShards(Path.of(out)).stream().map(p -> p.getFileName().toString()).toList());
        Dataset<Row> back = spark.read().format("lhotse").load(out);
        // lilcom is lossy: the archive holds the frames compressed at tick power -5 (lhotse's
        // default), so each value comes back within half a tick (2^-6) plus float rounding
        assertSameFeatures(expected, back, Math.scalb(1.0, -6) * (1 + 1e-6));
        Map<String, Row> before = byId(spark.read().format("lhotse").load(manifest.toString()).drop("features"));
        assertEquals("words 1 of rec01-lilcomchunky-00",
                before.get("rec01-lilcomchunky-00").getList(before.get("rec01-lilcomchunky-00").fieldIndex("supervisions"))
                        .stream().map(s -> ((Row) s).getString(3)).toList().get(1));
        Map<String, Row> after = byId(back.drop("features"));
        assertEquals(before, after);
        // each shard is a manifest our single-machine reader (and lhotse) reads on its own
        assertEquals(expected.size(), loadedByReader(Path.of(out, "cuts.000000.jsonl.gz")).size()
                + loadedByReader(Path.of(out, "cuts.000001.jsonl.gz")).size());

        cuts.write().format("lhotse").mode("append").save(out);
        assertEquals(4, LhotseScan.manifestShards(Path.of(out)).size());
        assertEquals(2 * expected.size(), spark.read().format("lhotse").load(out).count());
    }

    /** What lhotse's {@code cut.load_features()} returns for each cut of its own Shar directory. */
    private static Map<String, FeatureMatrix> lhotsesShar() throws IOException {
        Map<String, FeatureMatrix> expected = new TreeMap<>();
        try (Stream<Path> files = Files.list(CORPUS.resolve("expected/shar"))) {
            for (Path npy : files.toList()) {
                NpyArray a = Npy.read(npy);
                String name = npy.getFileName().toString();
                expected.put(name.substring(0, name.length() - 4), new FeatureMatrix(a.toFloat32C(), a.shape()[0], a.shape()[1]));
            }
        }
        return expected;
    }

    @Test
    void chunkyToSharOnSparkGivesLhotsesOwnSharFeaturesAndBack(@TempDir Path dir) throws IOException {
        Map<String, FeatureMatrix> lhotse = lhotsesShar();
        assertSameFeatures(lhotse, spark.read().format("lhotse").load(CORPUS.resolve("shar").toString()));
        // a cut's frames as one blob at tick power -5 are what lhotse's to_shar stores for it
        Dataset<Row> blobs = spark.read().format("lhotse").option("features", "lilcom").load(CHUNKY.toString());
        Map<String, Row> decoded = byId(blobs.select(col("id"), LilcomFunctions.lilcom_decompress(col("features")).as("d")));
        for (Map.Entry<String, FeatureMatrix> e : lhotse.entrySet()) {
            List<Float> data = decoded.get(e.getKey()).getStruct(1).getList(1);
            float[] values = new float[data.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = data.get(i);
            }
            assertArrayEquals(e.getValue().toArray(), values, e.getKey());
        }

        String shar = dir.resolve("shar").toString();
        spark.read().format("lhotse").load(CHUNKY.toString()).repartition(2)
                .write().format("lhotse").option("storage", "shar").mode("overwrite").save(shar);
        assertEquals(List.of("cuts.000000.jsonl.gz", "cuts.000001.jsonl.gz", "features.000000.tar", "features.000001.tar"),
                Files.list(Path.of(shar)).map(p -> p.getFileName().toString()).sorted().toList());
        // lhotse's to_shar compresses each cut's frames at tick power -5, as our writer does: the
        // same blobs, so reading them back gives lhotse's Shar features bit for bit
        Dataset<Row> back = spark.read().format("lhotse").load(shar);
        assertEquals(2, back.rdd().getNumPartitions());
        assertSameFeatures(lhotse, back);

        // read as blobs, a Shar shard's own blobs are handed over byte for byte
        Map<String, Row> sharBlobs = byId(spark.read().format("lhotse").option("features", "lilcom").load(shar).select("id", "features"));
        try (SharReader reader = SharReader.open(Path.of(shar))) {
            while (reader.hasNext()) {
                MonoCut cut = (MonoCut) reader.next();
                assertArrayEquals(cut.features().data(), (byte[]) sharBlobs.get(cut.id()).get(1), cut.id());
            }
        }

        // and back to chunky, from blobs this time: compressed once more, so within half a tick
        String chunky = dir.resolve("chunky").toString();
        spark.read().format("lhotse").option("features", "lilcom").load(shar)
                .write().format("lhotse").mode("overwrite").save(chunky);
        assertSameFeatures(lhotse, spark.read().format("lhotse").load(chunky), Math.scalb(1.0, -6) * (1 + 1e-6));
        assertEquals(byId(back.drop("features")), byId(spark.read().format("lhotse").load(chunky).drop("features")));
    }

    @Test
    void cmvnOnSparkEqualsTheSingleMachineComputation() {
        List<CmvnStats> spark2 = CmvnJob.run(spark, CHUNKY.toString());
        Map<Integer, double[][]> expected = singleMachineCmvn(loadedByReader(CHUNKY));
        assertEquals(expected.keySet(), spark2.stream().map(CmvnStats::numFeatures).collect(java.util.stream.Collectors.toSet()));
        for (CmvnStats s : spark2) {
            double[][] meanVar = expected.get(s.numFeatures());
            assertEquals((long) meanVar[2][0], s.frames());
            assertEquals((long) meanVar[2][1], s.cuts());
            assertClose(meanVar[0], s.mean(), "mean of " + s.numFeatures());
            assertClose(meanVar[1], s.variance(), "var of " + s.numFeatures());
        }
    }

    /** Per dimension: {mean, population variance, {frames, cuts}}, two passes over every frame. */
    private static Map<Integer, double[][]> singleMachineCmvn(Map<String, FeatureMatrix> loaded) {
        Map<Integer, List<FeatureMatrix>> byWidth = new TreeMap<>();
        for (FeatureMatrix m : loaded.values()) {
            byWidth.computeIfAbsent(m.numFeatures(), k -> new ArrayList<>()).add(m);
        }
        Map<Integer, double[][]> result = new TreeMap<>();
        byWidth.forEach((width, matrices) -> {
            double[] mean = new double[width];
            double[] var = new double[width];
            long frames = 0;
            for (FeatureMatrix m : matrices) {
                for (int r = 0; r < m.frames(); r++) {
                    for (int c = 0; c < width; c++) {
                        mean[c] += m.get(r, c);
                    }
                }
                frames += m.frames();
            }
            for (int c = 0; c < width; c++) {
                mean[c] /= frames;
            }
            for (FeatureMatrix m : matrices) {
                for (int r = 0; r < m.frames(); r++) {
                    for (int c = 0; c < width; c++) {
                        double d = m.get(r, c) - mean[c];
                        var[c] += d * d;
                    }
                }
            }
            for (int c = 0; c < width; c++) {
                var[c] /= frames;
            }
            result.put(width, new double[][] {mean, var, {frames, matrices.size()}});
        });
        return result;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-6 * Math.abs(expected[i]);
            assertEquals(expected[i], actual[i], tolerance, what + " bin " + i);
        }
    }
}
