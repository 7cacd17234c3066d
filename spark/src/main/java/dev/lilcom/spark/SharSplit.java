package dev.lilcom.spark;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One shard of a Shar directory: what one task reads.
 *
 * @param cuts the shard's {@code cuts.NNNNNN.jsonl[.gz]}
 * @param features its {@code features.NNNNNN.tar}
 */
record SharSplit(String cuts, String features) implements InputPartition {}
