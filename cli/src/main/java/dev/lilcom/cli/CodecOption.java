package dev.lilcom.cli;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.util.List;
import java.util.Locale;

/** The {@code --impl auto|scalar|vector} option of {@code compress} and {@code decompress}. */
final class CodecOption {
    static final List<String> NAMES = List.of("auto", "scalar", "vector");

    @Option(names = "--impl", paramLabel = "auto|scalar|vector", defaultValue = "auto", converter = Name.class,
            description = "Codec: auto (vector where it can run, else scalar), scalar or vector. "
                    + "All give identical bytes. Default: ${DEFAULT-VALUE}.")
    String name;

    /**
     * The chosen codec.
     *
     * @throws CommandFailure saying why, if the vector codec was asked for and cannot run here
     */
    LilcomCodec codec() {
        return byName(name);
    }

    static LilcomCodec byName(String name) {
        try {
            return Lilcom.codec(name);
        } catch (IllegalStateException e) {
            throw new CommandFailure("--impl " + name + ": " + e.getMessage());
        }
    }

    /** Rejects unknown names at parse time, so they are usage errors. */
    static final class Name implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String name = value.toLowerCase(Locale.ROOT);
            if (!NAMES.contains(name)) {
                throw new TypeConversionException("expected one of " + String.join(", ", NAMES) + " but was '" + value + "'");
            }
            return name;
        }
    }
}
