package dev.lilcom.cli;

import dev.lilcom.CompressOptions;
import dev.lilcom.LilcomEncoder;
import dev.lilcom.io.NpyArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lilcom compress}: {@code .npy} (float32 or float64, any layout) to {@code .llc}. */
@Command(name = "compress", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {"Compress .npy files (float32 or float64, either byte order, C or Fortran order) "
                + "into lilcom blobs: FILE.npy becomes FILE.llc beside it.",
                "Every value is kept to within 2^(tick power - 1)."})
final class CompressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--tick-power"}, paramLabel = "N", defaultValue = "-8",
            description = "Quantization step 2^N, -20..20; larger is smaller and coarser. Default: ${DEFAULT-VALUE} "
                    + "(lilcom's default); lhotse uses -5 for features.")
    int tickPower;

    @Option(names = "--no-regression", description = "Code each value on its own (all coefficients 0).")
    boolean noRegression;

    @Option(names = "--coeffs", paramLabel = "C0,C1,...", split = ",", hideParamSyntax = true,
            description = "Regression coefficients times 256, one per axis, -256..256, instead of estimating them.")
    int[] coefficients;

    @Mixin
    CodecOption codec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE.npy", arity = "1..*", description = "Input files.")
    List<Path> files;

    @Override
    public Integer call() {
        CompressOptions options = options();
        output.prepare(files);
        LilcomEncoder encoder = new LilcomEncoder(codec.codec());
        FileBatch batch = new FileBatch(spec, files.size());
        for (Path file : files) {
            batch.run(file, in -> compress(encoder, options, in));
        }
        return batch.finish();
    }

    private CompressOptions options() {
        if (noRegression && coefficients != null) {
            throw new ParameterException(spec.commandLine(), "--no-regression and --coeffs contradict each other; give one");
        }
        try {
            CompressOptions options = CompressOptions.defaults().withTickPower(tickPower);
            if (noRegression) {
                return options.withRegression(false);
            }
            return coefficients != null ? options.withCoefficients(coefficients) : options;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void compress(LilcomEncoder encoder, CompressOptions options, Path in) throws IOException {
        Path out = output.outputFor(in, ".npy", ".llc");
        NpyArray array = NpyInput.read(in);
        if (coefficients != null && coefficients.length != array.shape().length) {
            throw new IllegalArgumentException("--coeffs gives " + coefficients.length + " coefficients but the array has "
                    + array.shape().length + " axes");
        }
        // The strided form reads Fortran-order files in place, and float64 is narrowed as lilcom does.
        byte[] blob = array.isFloat64()
                ? encoder.compress(array.doubles(), 0, array.shape(), array.strides(), options)
                : encoder.compress(array.floats(), 0, array.shape(), array.strides(), options);
        output.write(out, stream -> stream.write(blob));
    }
}
