package dev.lilcom.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.ApplyFunctionExpression;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.internal.SQLConf;
import scala.Tuple3;
import scala.collection.immutable.Seq;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Registers {@code lilcom_compress}, {@code lilcom_decompress} and {@code lilcom_header} as SQL
 * functions of every session:
 *
 * <pre>{@code
 * spark-submit --conf spark.sql.extensions=dev.lilcom.spark.LilcomSparkExtensions ...
 * SELECT lilcom_decompress(blob).data FROM t
 * }</pre>
 *
 * <p>A corrupt blob fails the query with a {@link CorruptBlobException} naming the blob and the
 * reason (the default), or gives null when the session sets {@value #ON_CORRUPT_BLOB} to
 * {@code null}; the setting in force when a query is analysed applies to it.
 */
public final class LilcomSparkExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    /** Session setting: {@code error} (the default) or {@code null}, for blobs that are not lilcom. */
    public static final String ON_CORRUPT_BLOB = "spark.lilcom.onCorruptBlob";

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectFunction(describe(CompressFunction.NAME, 3,
                "_FUNC_(features, shape, tick_power) - the lilcom blob of a row-major array<float> of the given shape",
                nullOnCorrupt -> new CompressFunction()));
        extensions.injectFunction(describe(DecompressFunction.NAME, 1,
                "_FUNC_(blob) - struct<shape: array<int>, data: array<float>>: the array a lilcom blob holds",
                DecompressFunction::new));
        extensions.injectFunction(describe(HeaderFunction.NAME, 1,
                "_FUNC_(blob) - struct<shape, tick_power, coefficients, max_error>: a lilcom blob's header, not decoded",
                HeaderFunction::new));
        return BoxedUnit.UNIT;
    }

    /** Whether the session in force says corrupt blobs give null, checking the setting's value. */
    static boolean nullOnCorrupt() {
        String value = SQLConf.get().getConfString(ON_CORRUPT_BLOB, "error");
        switch (value) {
            case "error":
                return false;
            case "null":
                return true;
            default:
                throw new IllegalArgumentException(ON_CORRUPT_BLOB + " must be \"error\" or \"null\", not \"" + value + "\"");
        }
    }

    private interface FunctionFactory {
        ScalarFunction<?> create(boolean nullOnCorrupt);
    }

    private static Tuple3<FunctionIdentifier, ExpressionInfo, scala.Function1<Seq<Expression>, Expression>> describe(
            String name, int arity, String usage, FunctionFactory factory) {
        ExpressionInfo info = new ExpressionInfo(LilcomSparkExtensions.class.getName(), null, name, usage, "");
        return new Tuple3<>(new FunctionIdentifier(name), info, new Builder(name, arity, factory));
    }

    /** Builds a call's expression when a query is analysed, on the driver. */
    private static final class Builder extends AbstractFunction1<Seq<Expression>, Expression> {
        private final String name;
        private final int arity;
        private final FunctionFactory factory;

        Builder(String name, int arity, FunctionFactory factory) {
            this.name = name;
            this.arity = arity;
            this.factory = factory;
        }

        @Override
        public Expression apply(Seq<Expression> children) {
            if (children.size() != arity) {
                throw new IllegalArgumentException(name + " takes " + arity + " argument" + (arity == 1 ? "" : "s")
                        + ", not " + children.size());
            }
            return new ApplyFunctionExpression(factory.create(nullOnCorrupt()), children);
        }
    }
}
