/**
 * lhotse corpora on the JVM: CutSet and FeatureSet manifests and Shar directories, every feature
 * storage type lhotse writes ({@link dev.lilcom.lhotse.FeatureReader#STORAGE_TYPES}), and MonoCut,
 * MultiCut, PaddingCut and MixedCut cuts, with lhotse's {@code cut.load_features()} results
 * ({@link dev.lilcom.lhotse.FeatureReader#load(Cut)}) and its {@code collate_features} batches
 * ({@link dev.lilcom.lhotse.Collation}).
 *
 * <pre>{@code
 * try (FeatureReader reader = new FeatureReader();
 *      ManifestReader<MonoCut> cuts = ManifestReader.cuts(Path.of("data/cuts.jsonl.gz"))) {
 *     while (cuts.hasNext()) {
 *         FeatureMatrix feats = reader.load(cuts.next());   // frames x numFeatures, as lhotse gives
 *     }
 * }
 * }</pre>
 *
 * <p>For training, {@link dev.lilcom.lhotse.FeatureLoader} decodes cuts on worker threads ahead
 * of the consumer; {@link dev.lilcom.lhotse.ChunkyArchiveWriter},
 * {@link dev.lilcom.lhotse.ManifestWriter} and {@link dev.lilcom.lhotse.SharWriter} write corpora
 * lhotse reads; {@link dev.lilcom.lhotse.SharReader} streams Shar shards.
 */
package dev.lilcom.lhotse;
