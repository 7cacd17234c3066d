package dev.lilcom.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The lilcom SQL functions for the DataFrame API, in the style of {@link functions}. They call the
 * functions {@link LilcomSparkExtensions} registers, so the session must be built with
 * {@code spark.sql.extensions=dev.lilcom.spark.LilcomSparkExtensions}.
 *
 * <pre>{@code
 * import static dev.lilcom.spark.LilcomFunctions.*;
 * df.select(lilcom_decompress(col("blob")).getField("data"));
 * }</pre>
 */
public final class LilcomFunctions {
    private LilcomFunctions() {}

    /** {@code lilcom_compress(features, shape, tick_power)}: the blob of a row-major array<float>. */
    public static Column lilcom_compress(Column features, Column shape, Column tickPower) {
        return functions.call_function(CompressFunction.NAME, features, shape, tickPower);
    }

    /** {@code lilcom_compress} with a fixed tick power. */
    public static Column lilcom_compress(Column features, Column shape, int tickPower) {
        return lilcom_compress(features, shape, functions.lit(tickPower));
    }

    /** {@code lilcom_decompress(blob)}: {@code struct<shape: array<int>, data: array<float>>}. */
    public static Column lilcom_decompress(Column blob) {
        return functions.call_function(DecompressFunction.NAME, blob);
    }

    /** {@code lilcom_header(blob)}: {@code struct<shape, tick_power, coefficients, max_error>}. */
    public static Column lilcom_header(Column blob) {
        return functions.call_function(HeaderFunction.NAME, blob);
    }
}
