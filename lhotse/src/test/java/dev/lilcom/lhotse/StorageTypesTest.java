package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.lilcom.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The storage types the corpus has no manifest for (lilcom_url, memory_lilcom, memory_npy,
 * shar_ptr_array), built from the corpus's own bytes, and the storage errors: each a
 * FeatureLoadException naming the cut and the file, with the other cuts still loading.
 */
class StorageTypesTest {
    @TempDir
    Path tmp;

    private static List<String> lines(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private Path manifest(List<String> lines) throws IOException {
        Path file = tmp.resolve("cuts-" + System.nanoTime() + ".jsonl");
        Files.write(file, lines);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void lilcomUrlReadsFromAnHttpServer(String codec) throws IOException {
        Path files = LhotseCorpus.dir().resolve("storage/files");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feats/", exchange -> {
            Path file = files.resolve(exchange.getRequestURI().getPath().substring("/feats/".length())).normalize();
            if (!file.startsWith(files) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        try {
            String root = "http://127.0.0.1:" + server.getAddress().getPort() + "/feats/";
            List<String> lines = new ArrayList<>();
            for (String line : lines(LhotseCorpus.manifest("lilcom_files"))) {
                lines.add(line.replace("\"storage_type\": \"lilcom_files\", \"storage_path\": \"storage/files\"",
                        "\"storage_type\": \"lilcom_url\", \"storage_path\": \"" + root + "\""));
            }
            // one blob the server does not have
            lines.add(1, lines.get(0).replace("rec/rec00.llc", "rec/absent.llc").replace("rec00-lilcomfiles-00", "absent"));
            List<Cut> cuts = LhotseCorpus.cuts(manifest(lines));
            try (FeatureReader reader = new FeatureReader(Sample.codec(codec))) {
                for (Cut cut : cuts) {
                    if (cut.id().equals("absent")) {
                        FeatureLoadException e = assertThrows(FeatureLoadException.class, () -> reader.load(cut));
                        assertTrue(e.getMessage().contains("cut absent") && e.getMessage().contains(root + "rec/absent.llc")
                                && e.getMessage().contains("404"), e.getMessage());
                        continue;
                    }
                    assertEquals(Features.LILCOM_URL, ((MonoCut) cut).features().storageType());
                    Sample.assertSameBits(LhotseCorpus.expected("lilcom_files", cut.id()), reader.load(cut), cut.id());
                }
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableUrlFailsNamingTheCutAndTheUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/feats";
        String line = lines(LhotseCorpus.manifest("lilcom_files")).get(0).replace(
                "\"storage_type\": \"lilcom_files\", \"storage_path\": \"storage/files\"",
                "\"storage_type\": \"lilcom_url\", \"storage_path\": \"" + url + "\"");
        Cut cut = LhotseCorpus.cuts(manifest(List.of(line))).get(0);
        try (FeatureReader reader = new FeatureReader()) {
            FeatureLoadException e = assertThrows(FeatureLoadException.class, () -> reader.load(cut));
            assertTrue(e.getMessage().contains(cut.id()) && e.getMessage().contains(url + "/rec/rec00.llc"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void inMemoryLilcomAndNpyRead(String codec) throws IOException {
        try (FeatureReader reader = new FeatureReader(Sample.codec(codec))) {
            for (Cut c : LhotseCorpus.cuts(LhotseCorpus.manifest("lilcom_files"))) {
                MonoCut cut = (MonoCut) c;
                Features f = cut.features();
                byte[] llc = Files.readAllBytes(f.storagePath().resolve(f.storageKey()));
                MonoCut lilcom = new MonoCut(cut.id(), cut.start(), cut.duration(), 0, f.inMemory(Features.MEMORY_LILCOM, llc));
                Sample.assertSameBits(LhotseCorpus.expected("lilcom_files", cut.id()), reader.load(lilcom), cut.id());
            }
            for (Cut c : LhotseCorpus.cuts(LhotseCorpus.manifest("numpy_files"))) {
                MonoCut cut = (MonoCut) c;
                Features f = cut.features();
                byte[] npy = Files.readAllBytes(f.storagePath().resolve(f.storageKey()));
                MonoCut numpy = new MonoCut(cut.id(), cut.start(), cut.duration(), 0, f.inMemory(Features.MEMORY_NPY, npy));
                Sample.assertSameBits(LhotseCorpus.expected("numpy_files", cut.id()), reader.load(numpy), cut.id());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void sharPointersReadOnlyTheirMember(String codec) throws IOException {
        Path shar = LhotseCorpus.dir().resolve("shar");
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            Path tar = shar.resolve(String.format("features.%06d.tar", s));
            ByteBuffer idx = ByteBuffer.wrap(Files.readAllBytes(shar.resolve(String.format("features.%06d.tar.idx", s))))
                    .order(ByteOrder.LITTLE_ENDIAN);
            List<String> cuts = lines(shar.resolve(String.format("cuts.%06d.jsonl.gz", s)));
            for (int i = 0; i < cuts.size(); i++) {
                String pointer = tar + "?o=" + idx.getLong(8 * i) + "&e=" + idx.getLong(8 * i + 8);
                lines.add(cuts.get(i).replace("\"storage_type\": \"shar\", \"storage_path\": \"\", \"storage_key\": \"\"",
                        "\"storage_type\": \"shar_ptr_array\", \"storage_path\": \"" + tar + "\", \"storage_key\": \""
                                + pointer + "\""));
            }
        }
        try (FeatureReader reader = new FeatureReader(Sample.codec(codec))) {
            List<Cut> cuts = LhotseCorpus.cuts(manifest(lines));
            assertEquals(8, cuts.size());
            for (Cut cut : cuts) {
                assertEquals(Features.SHAR_PTR_ARRAY, ((MonoCut) cut).features().storageType());
                Sample.assertSameBits(LhotseCorpus.expected("shar", cut.id()), reader.load(cut), cut.id());
            }
        }
    }

    private static MonoCut withStorage(MonoCut cut, String type, Path path, String key) {
        Features f = cut.features();
        return new MonoCut(cut.id(), cut.start(), cut.duration(), 0, new Features(f.type(), f.numFrames(), f.numFeatures(),
                f.frameShift(), f.samplingRate(), f.start(), f.duration(), type, path, key, f.recordingId()));
    }

    private static void fails(FeatureReader reader, MonoCut cut, String... fragments) {
        FeatureLoadException e = assertThrows(FeatureLoadException.class, () -> reader.load(cut));
        assertEquals(cut.id(), e.cutId());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "\"" + fragment + "\" not in: " + e.getMessage());
        }
    }

    @Test
    void hdf5AndNumpyErrorsNameTheCutAndTheFile() throws IOException {
        Path storage = LhotseCorpus.dir().resolve("storage");
        MonoCut cut = (MonoCut) LhotseCorpus.cuts(LhotseCorpus.manifest("numpy_hdf5")).get(0);
        Path numpyH5 = storage.resolve("numpy.h5");
        Path chunkedH5 = storage.resolve("chunked.h5");
        Path lilcomH5 = storage.resolve("lilcom.h5");
        Path oneDim = tmp.resolve("one-dim.npy");
        Npy.write(oneDim, new float[] {1, 2, 3}, 3);
        Path doubles = tmp.resolve("doubles.npy");
        Npy.write(doubles, new double[] {1, 2, 3, 4}, 2, 2);
        try (FeatureReader reader = new FeatureReader()) {
            fails(reader, withStorage(cut, Features.NUMPY_HDF5, numpyH5, "absent"), numpyH5.toString(), "no dataset \"absent\"");
            fails(reader, withStorage(cut, Features.CHUNKED_LILCOM_HDF5, chunkedH5, "absent"), chunkedH5.toString(), "absent");
            fails(reader, withStorage(cut, Features.LILCOM_HDF5, lilcomH5, "absent"), lilcomH5.toString(), "no dataset \"absent\"");
            // an int64 scalar where a float32 matrix should be
            fails(reader, withStorage(cut, Features.NUMPY_HDF5, chunkedH5, "__LHOTSE_INTERNAL_CHUNK_SIZE__"),
                    chunkedH5.toString(), "float32");
            // a float32 matrix where an opaque blob should be
            fails(reader, withStorage(cut, Features.LILCOM_HDF5, numpyH5, "rec02"), numpyH5.toString(), "not opaque");
            // lilcom blobs where float rows should be
            fails(reader, withStorage(cut, Features.NUMPY_HDF5, chunkedH5, "rec02"), chunkedH5.toString(), "float32");
            fails(reader, withStorage(cut, Features.NUMPY_FILES, tmp, "one-dim.npy"), oneDim.toString(), "shape [3]");
            fails(reader, withStorage(cut, Features.NUMPY_FILES, tmp, "doubles.npy"), doubles.toString(), "float64");
            fails(reader, withStorage(cut, Features.NUMPY_FILES, tmp, "absent.npy"), "absent.npy", "does not exist");
            fails(reader, withStorage(cut, Features.LILCOM_HDF5, tmp.resolve("absent.h5"), "rec02"), "absent.h5", "does not exist");
            // and the cut itself still loads from the same reader
            Sample.assertSameBits(LhotseCorpus.expected("numpy_hdf5", cut.id()), reader.load(cut), cut.id());
        }
    }
}
