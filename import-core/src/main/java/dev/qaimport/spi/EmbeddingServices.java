package dev.qaimport.spi;

import dev.qaimport.model.EmbeddingProfile;
import java.util.Optional;

/**
 * Finds a provider for the profile a job recorded, when the instance's own embedding service is
 * not one: for example a worker that serves jobs imported with different models, building each
 * provider from its profile and a key from its environment. Called from several threads;
 * implementations cache what they build and close nothing before the instance closes.
 */
@FunctionalInterface
public interface EmbeddingServices {
    /** Nothing beyond the instance's own service. */
    EmbeddingServices NONE = profile -> Optional.empty();

    /**
     * A service whose {@link EmbeddingService#profile()} {@linkplain EmbeddingProfile#sameVectorsAs
     * gives the same vectors} as {@code profile}, or empty when there is none here. Never called
     * for {@link EmbeddingProfile#none()}.
     */
    Optional<EmbeddingService> forProfile(EmbeddingProfile profile);
}
