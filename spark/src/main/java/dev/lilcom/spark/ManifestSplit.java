package dev.lilcom.spark;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * Lines {@code [firstLine, endLine)} (0-based) of one JSON Lines manifest: what one task reads.
 *
 * @param manifest the manifest's absolute path
 * @param firstLine first line of the split
 * @param endLine end of the split (exclusive); {@code Long.MAX_VALUE} for the rest of the file
 * @param workingDirectory the driver's working directory, where lhotse looks for relative
 *     storage paths first (then the manifest's folder)
 */
record ManifestSplit(String manifest, long firstLine, long endLine, String workingDirectory) implements InputPartition {}
