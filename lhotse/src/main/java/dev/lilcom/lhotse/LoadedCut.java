package dev.lilcom.lhotse;

/**
 * A cut and its features, as a {@link FeatureLoader} delivers them.
 *
 * @param cut the manifest entry
 * @param features what {@code cut.load_features()} returns; with buffer reuse on, valid only until
 *     the loader's next {@code next()}, {@code hasNext()} or {@code close()}
 */
public record LoadedCut(MonoCut cut, FeatureMatrix features) {}
