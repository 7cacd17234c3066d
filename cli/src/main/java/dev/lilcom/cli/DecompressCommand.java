package dev.lilcom.cli;

import dev.lilcom.LilcomArray;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lilcom decompress}: {@code .llc} to float32 {@code .npy}. */
@Command(name = "decompress", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Decompress lilcom blobs into float32 .npy files (C order, little-endian, as np.save "
                + "writes them): FILE.llc becomes FILE.npy beside it.")
final class DecompressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CodecOption codec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE.llc", arity = "1..*", description = "Input files.")
    List<Path> files;

    @Override
    public Integer call() {
        output.prepare(files);
        LilcomDecoder decoder = new LilcomDecoder(codec.codec());
        FileBatch batch = new FileBatch(spec, files.size());
        for (Path file : files) {
            batch.run(file, in -> decompress(decoder, in));
        }
        return batch.finish();
    }

    private void decompress(LilcomDecoder decoder, Path in) throws IOException {
        Path out = output.outputFor(in, ".llc", ".npy");
        LilcomArray array = decoder.decompress(Files.readAllBytes(in));
        output.write(out, stream -> Npy.write(stream, array.data(), array.shape()));
    }
}
