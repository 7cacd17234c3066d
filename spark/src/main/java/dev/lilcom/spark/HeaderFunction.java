package dev.lilcom.spark;

import dev.lilcom.LilcomHeader;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code lilcom_header(blob binary) -> struct<shape: array<int>, tick_power: int,
 * coefficients: array<int>, max_error: double>}: what a blob's header says, without decoding it.
 */
final class HeaderFunction extends BlobFunction<InternalRow> {
    private static final long serialVersionUID = 1L;

    static final String NAME = "lilcom_header";
    static final StructType RESULT = new StructType()
            .add("shape", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("tick_power", DataTypes.IntegerType, false)
            .add("coefficients", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("max_error", DataTypes.DoubleType, false);

    /** @param nullOnCorrupt return null for a corrupt header instead of failing the query */
    HeaderFunction(boolean nullOnCorrupt) {
        super(NAME, RESULT, nullOnCorrupt);
    }

    @Override
    InternalRow read(byte[] blob) {
        LilcomHeader header = TaskCodecs.get().decoder().header(blob, 0, blob.length);
        return new GenericInternalRow(new Object[] {
            UnsafeArrayData.fromPrimitiveArray(header.shape()), header.tickPower(),
            UnsafeArrayData.fromPrimitiveArray(header.coefficients()), header.maxError()});
    }
}
