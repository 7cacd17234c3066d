package dev.lilcom.spark;

import dev.lilcom.LilcomFormatException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * A SQL function of one lilcom blob. The blob functions share what a bad row does: a null blob
 * gives null, and a corrupt one fails the query with a {@link CorruptBlobException} naming the blob,
 * or gives null when {@value LilcomSparkExtensions#ON_CORRUPT_BLOB} is {@code null}. Subclasses only
 * read the blob.
 */
abstract class BlobFunction<R> implements ScalarFunction<R> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final DataType resultType;
    private final boolean nullOnCorrupt;

    /** @param nullOnCorrupt return null for a corrupt blob instead of failing the query */
    BlobFunction(String name, DataType resultType, boolean nullOnCorrupt) {
        this.name = name;
        this.resultType = resultType;
        this.nullOnCorrupt = nullOnCorrupt;
    }

    /**
     * The result for a non-null blob.
     *
     * @throws LilcomFormatException or {@link IllegalArgumentException} if the blob is not valid lilcom
     */
    abstract R read(byte[] blob);

    @Override
    public final DataType[] inputTypes() {
        return new DataType[] {DataTypes.BinaryType};
    }

    @Override
    public final DataType resultType() {
        return resultType;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final R produceResult(InternalRow input) {
        if (input.isNullAt(0)) {
            return null;
        }
        byte[] blob = input.getBinary(0);
        try {
            return read(blob);
        } catch (LilcomFormatException | IllegalArgumentException e) {
            if (nullOnCorrupt) {
                return null;
            }
            throw CorruptBlobException.of(name, blob, e);
        }
    }
}
