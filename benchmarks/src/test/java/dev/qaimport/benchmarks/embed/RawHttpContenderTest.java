package dev.qaimport.benchmarks.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.benchmarks.Database;
import dev.qaimport.benchmarks.EmbeddingOutcome;
import dev.qaimport.benchmarks.EmbeddingSpec;
import dev.qaimport.benchmarks.data.FaqGenerator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawHttpContenderTest {
    @TempDir
    Path dir;

    @Test
    void sendsFullRequestsWithSeveralInFlightAndCountsEveryText() throws Exception {
        FaqGenerator.Summary file = FaqGenerator.clean(450).write(dir.resolve("clean.csv"));
        try (StubEmbeddingServer stub = StubEmbeddingServer.start(0, Duration.ofMillis(100), 100)) {
            EmbeddingOutcome outcome = new RawHttpContender().run(
                    new EmbeddingSpec(stub.baseUrl(), "m", file.file(), 450, Database.H2, "jdbc:h2:mem:unused", "sa", ""));

            assertThat(outcome.embedded()).isEqualTo(450);
            assertThat(stub.stats().requests()).isEqualTo(5);
            assertThat(stub.stats().inputs()).isEqualTo(450);
            assertThat(stub.stats().largestRequest()).isEqualTo(100);
            assertThat(stub.stats().maxInFlight()).isBetween(2, 4);
        }
    }
}
