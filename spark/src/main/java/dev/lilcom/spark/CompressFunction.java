package dev.lilcom.spark;

import dev.lilcom.CompressOptions;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code lilcom_compress(features array<float>, shape array<int>, tick_power int) -> binary}: the
 * lilcom blob of a row-major array, coefficients estimated as lilcom does. A null argument gives
 * null; a null element, a shape that does not match the element count, or a tick power out of
 * range fails the query naming the row's shape and the problem.
 */
final class CompressFunction implements ScalarFunction<byte[]> {
    private static final long serialVersionUID = 1L;

    static final String NAME = "lilcom_compress";

    @Override
    public DataType[] inputTypes() {
        return new DataType[] {
            DataTypes.createArrayType(DataTypes.FloatType),
            DataTypes.createArrayType(DataTypes.IntegerType),
            DataTypes.IntegerType};
    }

    @Override
    public DataType resultType() {
        return DataTypes.BinaryType;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] produceResult(InternalRow input) {
        if (input.isNullAt(0) || input.isNullAt(1) || input.isNullAt(2)) {
            return null;
        }
        ArrayData features = input.getArray(0);
        ArrayData shapeData = input.getArray(1);
        int tickPower = input.getInt(2);
        checkNoNulls(features, "features");
        checkNoNulls(shapeData, "shape");
        int[] shape = shapeData.toIntArray();
        try {
            return TaskCodecs.get().encoder().compress(features.toFloatArray(), shape,
                    CompressOptions.defaults().withTickPower(tickPower));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": cannot compress " + features.numElements()
                    + " floats as shape " + java.util.Arrays.toString(shape) + " with tick power " + tickPower + ": "
                    + e.getMessage(), e);
        }
    }

    private static void checkNoNulls(ArrayData array, String what) {
        for (int i = 0, n = array.numElements(); i < n; i++) {
            if (array.isNullAt(i)) {
                throw new IllegalArgumentException(NAME + ": element " + i + " of " + what + " is null");
            }
        }
    }
}
