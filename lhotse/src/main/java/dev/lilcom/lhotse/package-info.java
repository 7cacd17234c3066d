/**
 * lhotse corpora on the JVM: CutSet and FeatureSet manifests, the {@code lilcom_chunky} and
 * {@code lilcom_files} feature storage, with lhotse's exact {@code cut.load_features()} results.
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
 * of the consumer; {@link dev.lilcom.lhotse.ChunkyArchiveWriter} and
 * {@link dev.lilcom.lhotse.ManifestWriter} write corpora lhotse reads.
 */
package dev.lilcom.lhotse;
