package dev.qaimport.benchmarks.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.benchmarks.Database;
import dev.qaimport.benchmarks.EmbeddingOutcome;
import dev.qaimport.benchmarks.EmbeddingSpec;
import dev.qaimport.benchmarks.data.FaqGenerator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LangChain4jIngestorContenderTest {
    @TempDir
    Path dir;

    @Test
    void embedsEveryTextOneCappedRequestAtATime() throws Exception {
        FaqGenerator.Summary file = FaqGenerator.clean(300).write(dir.resolve("clean.csv"));
        try (StubEmbeddingServer stub = StubEmbeddingServer.start(0, Duration.ofMillis(5), 100)) {
            EmbeddingOutcome outcome = new LangChain4jIngestorContender().run(
                    new EmbeddingSpec(stub.baseUrl(), "text-embedding-3-small", file.file(), 250, Database.H2, "jdbc:h2:mem:unused", "sa", ""));

            assertThat(outcome.embedded()).isEqualTo(250);
            assertThat(outcome.embedNanos()).isPositive();
            assertThat(stub.stats()).usingRecursiveComparison().ignoringFields("tokens", "largestTokens")
                    .isEqualTo(new StubEmbeddingServer.Stats(3, 250, 0, 1, 100, 0, 0, 0));
        }
    }

    @Test
    void refusesAFileWithTooFewTexts() throws Exception {
        FaqGenerator.Summary file = FaqGenerator.clean(10).write(dir.resolve("clean.csv"));
        EmbeddingSpec spec = new EmbeddingSpec("http://127.0.0.1:9/v1", "m", file.file(), 11, Database.H2, "jdbc:h2:mem:unused", "sa", "");

        assertThatThrownBy(() -> new LangChain4jIngestorContender().run(spec))
                .hasMessage(file.file() + " holds 10 valid rows, fewer than 11");
    }
}
