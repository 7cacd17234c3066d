package dev.lilcom.spark;

import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomHeader;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code lilcom_decompress(blob binary) -> struct<shape: array<int>, data: array<float>>}: the
 * array a lilcom blob holds, row-major.
 */
final class DecompressFunction extends BlobFunction<InternalRow> {
    private static final long serialVersionUID = 1L;

    static final String NAME = "lilcom_decompress";
    static final StructType RESULT = new StructType()
            .add("shape", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("data", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** @param nullOnCorrupt return null for a corrupt blob instead of failing the query */
    DecompressFunction(boolean nullOnCorrupt) {
        super(NAME, RESULT, nullOnCorrupt);
    }

    @Override
    InternalRow read(byte[] blob) {
        TaskCodecs codecs = TaskCodecs.get();
        LilcomDecoder decoder = codecs.decoder();
        LilcomHeader header = decoder.header(blob, 0, blob.length);
        float[] out = codecs.floats(checkedSize(header));
        int n = decoder.decompress(blob, 0, blob.length, out, 0);
        return new GenericInternalRow(new Object[] {
            UnsafeArrayData.fromPrimitiveArray(header.shape()),
            CutRows.floats(out, 0, n)});
    }

    /** The element count a header claims, if the decoder would accept it. */
    static int checkedSize(LilcomHeader header) {
        long count = header.elementCount();
        if (count > TaskCodecs.get().decoder().maxElements()) {
            throw new IllegalArgumentException("the header claims " + count + " elements, more than the decoder's limit of "
                    + TaskCodecs.get().decoder().maxElements() + " (-Ddev.lilcom.maxElements)");
        }
        return (int) count;
    }
}
