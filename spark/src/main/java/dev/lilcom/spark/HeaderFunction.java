package dev.lilcom.spark;

import dev.lilcom.LilcomFormatException;
import dev.lilcom.LilcomHeader;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code lilcom_header(blob binary) -> struct<shape: array<int>, tick_power: int,
 * coefficients: array<int>, max_error: double>}: what a blob's header says, without decoding it.
 */
final class HeaderFunction implements ScalarFunction<InternalRow> {
    private static final long serialVersionUID = 1L;

    static final String NAME = "lilcom_header";
    static final StructType RESULT = new StructType()
            .add("shape", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("tick_power", DataTypes.IntegerType, false)
            .add("coefficients", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("max_error", DataTypes.DoubleType, false);

    private final boolean nullOnCorrupt;

    /** @param nullOnCorrupt return null for a corrupt header instead of failing the query */
    HeaderFunction(boolean nullOnCorrupt) {
        this.nullOnCorrupt = nullOnCorrupt;
    }

    @Override
    public DataType[] inputTypes() {
        return new DataType[] {DataTypes.BinaryType};
    }

    @Override
    public DataType resultType() {
        return RESULT;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public InternalRow produceResult(InternalRow input) {
        if (input.isNullAt(0)) {
            return null;
        }
        byte[] blob = input.getBinary(0);
        LilcomHeader header;
        try {
            header = TaskCodecs.get().decoder().header(blob, 0, blob.length);
        } catch (LilcomFormatException | IllegalArgumentException e) {
            if (nullOnCorrupt) {
                return null;
            }
            throw CorruptBlobException.of(NAME, blob, e);
        }
        return new GenericInternalRow(new Object[] {
            UnsafeArrayData.fromPrimitiveArray(header.shape()), header.tickPower(),
            UnsafeArrayData.fromPrimitiveArray(header.coefficients()), header.maxError()});
    }
}
