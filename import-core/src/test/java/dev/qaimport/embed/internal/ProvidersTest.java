package dev.qaimport.embed.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.EmbeddingInput;
import dev.qaimport.model.EmbeddingProfile;
import dev.qaimport.spi.EmbeddingLimits;
import dev.qaimport.spi.EmbeddingServices;
import dev.qaimport.testing.ScriptedEmbeddings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    private static final EmbeddingLimits LIMITS = new EmbeddingLimits(8, 10_000, 1_000, 2);
    private final ScriptedEmbeddings own = new ScriptedEmbeddings("own", LIMITS);
    private final ScriptedEmbeddings found = new ScriptedEmbeddings("found", LIMITS);
    private final EmbeddingServices finder = p -> p.model().equals("found") ? Optional.of(found) : Optional.empty();
    private final EmbeddingInput ownInput = EmbeddingInput.questionAndAnswer();

    @Test
    void aJobThatRecordedNothingGoesToTheOwnServiceWithTheOwnInput() {
        Providers.Choice c = new Providers(own, finder, true).choose(Optional.empty(), ownInput);

        assertThat(c.service()).isSameAs(own);
        assertThat(c.input()).isEqualTo(ownInput);
        assertThat(c.waiting()).isNull();
    }

    @Test
    void aRecordedProfileGoesToTheOwnServiceWhenItMatchesElseToTheOneFoundForIt() {
        Providers providers = new Providers(own, finder, true);

        Providers.Choice mine = providers.choose(Optional.of(EmbeddingProfile.of("custom", "own").withInput("{question}")), ownInput);
        Providers.Choice other = providers.choose(Optional.of(EmbeddingProfile.of("custom", "found")), ownInput);

        assertThat(mine.service()).isSameAs(own);
        assertThat(mine.input()).as("the job's template").isEqualTo(EmbeddingInput.question());
        assertThat(other.service()).isSameAs(found);
        assertThat(other.input()).isEqualTo(ownInput);
    }

    @Test
    void aProfileNobodyHereServesAndAJobThatAskedForNoneStayPendingWithTheReason() {
        Providers providers = new Providers(own, finder, true);

        Providers.Choice lost = providers.choose(Optional.of(new EmbeddingProfile("openai", "https://api.openai.com", "m", 64, null)), ownInput);
        Providers.Choice none = providers.choose(Optional.of(EmbeddingProfile.none()), ownInput);
        Providers.Choice nobody = new Providers(null, EmbeddingServices.NONE, true).choose(Optional.of(EmbeddingProfile.of("custom", "x")), ownInput);

        assertThat(lost.service()).isNull();
        assertThat(lost.waiting()).isEqualTo("waiting for a provider of openai m (64 dimensions) at https://api.openai.com; "
                + "this process embeds with custom own");
        assertThat(none.service()).isNull();
        assertThat(none.waiting()).isEqualTo("the job asked for no embeddings");
        assertThat(nobody.waiting()).isEqualTo("waiting for a provider of custom x");
    }

    @Test
    void ignoringProfilesSendsEveryJobToTheOwnServiceButKeepsTheJobsTemplate() {
        Providers providers = new Providers(own, finder, false);

        Providers.Choice none = providers.choose(Optional.of(EmbeddingProfile.none()), ownInput);
        Providers.Choice found = providers.choose(Optional.of(EmbeddingProfile.of("custom", "found").withInput("{category}: {question}")), ownInput);

        assertThat(none.service()).isSameAs(own);
        assertThat(found.service()).isSameAs(own);
        assertThat(found.input()).isEqualTo(EmbeddingInput.template("{category}: {question}"));
        assertThat(providers.any()).isTrue();
        assertThat(new Providers(null, finder, false).any()).as("nothing of its own to embed with").isFalse();
        assertThat(new Providers(null, finder, true).any()).isTrue();
    }
}
