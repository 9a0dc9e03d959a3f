package dev.qaimport.embed.internal;

import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.EmbeddingServices;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The providers re-embeddings were started with in this process, so that the pairs that moved to
 * them (and those that go back to pending at the switch) are embedded here too, also when they
 * are not the instance's own service. Thread-safe.
 */
final class Targets implements EmbeddingServices {
    private final List<EmbeddingService> services = new CopyOnWriteArrayList<>();

    /** Remembers {@code service}, unless one of the same vectors is known already. */
    void add(EmbeddingService service) {
        EmbeddingProfile profile = service.profile();
        synchronized (services) {
            if (forProfile(profile).isEmpty()) {
                services.add(service);
            }
        }
    }

    boolean isEmpty() {
        return services.isEmpty();
    }

    @Override
    public Optional<EmbeddingService> forProfile(EmbeddingProfile profile) {
        for (EmbeddingService s : services) {
            if (s.profile().sameVectorsAs(profile)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
