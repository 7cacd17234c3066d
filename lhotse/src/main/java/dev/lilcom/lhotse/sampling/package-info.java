/**
 * lhotse's samplers on the JVM: {@link dev.lilcom.lhotse.sampling.SimpleCutSampler} and
 * {@link dev.lilcom.lhotse.sampling.DynamicBucketingSampler} turn a streamed manifest or Shar
 * directory ({@link dev.lilcom.lhotse.sampling.CutSource}) into batches of cuts bounded by padded
 * duration and count, shuffled reproducibly per seed and epoch, and split across distributed ranks
 * ({@link dev.lilcom.lhotse.sampling.SamplingOptions}); a run restarted mid-epoch resumes where it
 * stopped ({@link dev.lilcom.lhotse.sampling.SamplerState}). Python's random streams are not
 * replicated; lhotse's semantics are.
 */
package dev.lilcom.lhotse.sampling;
