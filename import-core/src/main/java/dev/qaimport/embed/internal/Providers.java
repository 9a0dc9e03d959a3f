package dev.qaimport.embed.internal;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.spi.EmbeddingService;
import dev.qaimport.spi.EmbeddingServices;
import java.util.Objects;
import java.util.Optional;

/**
 * Which provider embeds a job's pairs, and with which input: the one whose profile gives the
 * vectors the job recorded, this instance's own service for a job that recorded nothing, or none,
 * with the reason its pairs stay pending. With {@code followJobProfiles} off, the own service
 * embeds every job (a command that names its provider), with the job's input template still.
 */
public final class Providers {
    private final EmbeddingService own;
    private final EmbeddingProfile ownProfile;
    private final EmbeddingServices others;
    /** Re-embeddings' targets, asked when {@link #others} has nothing. */
    private final Targets targets;
    private final boolean followJobProfiles;

    /**
     * @param own               this instance's service, or {@code null}
     * @param others            services for recorded profiles the own one does not serve
     * @param followJobProfiles whether a job is embedded only by a provider of the profile it recorded
     */
    public Providers(EmbeddingService own, EmbeddingServices others, boolean followJobProfiles) {
        this.own = own;
        this.ownProfile = own == null ? null : own.profile();
        this.others = Objects.requireNonNull(others, "others");
        this.targets = new Targets();
        this.followJobProfiles = followJobProfiles;
    }

    /** This instance's own service, or {@code null}. */
    public EmbeddingService own() {
        return own;
    }

    /** The profile of the own service, or {@code null} when there is none. */
    public EmbeddingProfile ownProfile() {
        return ownProfile;
    }

    /** Remembers a re-embedding's target, for the jobs whose pairs move to it. */
    void addTarget(EmbeddingService target) {
        targets.add(target);
    }

    /** A provider that gives the vectors of {@code profile}: the own service if it does, else one found for it. */
    public Optional<EmbeddingService> forProfile(EmbeddingProfile profile) {
        if (profile.isNone()) {
            return Optional.empty();
        }
        if (own != null && ownProfile.sameVectorsAs(profile)) {
            return Optional.of(own);
        }
        return others.forProfile(profile).or(() -> targets.forProfile(profile));
    }

    /** Whether this instance may embed anything at all. */
    boolean any() {
        return own != null || (followJobProfiles && (others != EmbeddingServices.NONE || !targets.isEmpty()));
    }

    /** The provider and input for a job that recorded {@code recorded} (empty: nothing recorded). */
    Choice choose(Optional<EmbeddingProfile> recorded, EmbeddingInput ownInput) {
        EmbeddingInput input = recorded.map(p -> inputOf(p, ownInput)).orElse(ownInput);
        if (!followJobProfiles || recorded.isEmpty()) {
            return new Choice(own, input, own == null ? "no embedding provider is configured here" : null);
        }
        EmbeddingProfile asked = recorded.get();
        if (asked.isNone()) {
            return new Choice(null, input, "the job asked for no embeddings");
        }
        Optional<EmbeddingService> service = forProfile(asked);
        if (service.isPresent()) {
            return new Choice(service.get(), input, null);
        }
        return new Choice(null, input, "waiting for a provider of " + asked.describe()
                + (own == null ? "" : "; this process embeds with " + ownProfile.describe()));
    }

    private static EmbeddingInput inputOf(EmbeddingProfile p, EmbeddingInput ownInput) {
        if (p.input() == null) {
            return ownInput;
        }
        try {
            return EmbeddingInput.template(p.input());
        } catch (IllegalArgumentException e) {
            return ownInput;
        }
    }

    /**
     * @param service the provider, or {@code null} when the pairs stay pending
     * @param input   what text of a pair is embedded
     * @param waiting why they stay pending, when {@code service} is {@code null}
     */
    record Choice(EmbeddingService service, EmbeddingInput input, String waiting) {
    }
}
