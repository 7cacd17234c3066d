/**
 * Batches for training, as lhotse's {@code K2SpeechRecognitionDataset} and {@code collate_features}
 * give them: {@link dev.lilcom.lhotse.dataset.BatchLoader} collates a sampler's batches on worker
 * threads into reused buffers, heap arrays or direct buffers for native frameworks
 * ({@link dev.lilcom.lhotse.dataset.FeatureBatch}), with the caller's
 * {@link dev.lilcom.lhotse.dataset.FailurePolicy} for cuts that fail to load.
 */
package dev.lilcom.lhotse.dataset;
