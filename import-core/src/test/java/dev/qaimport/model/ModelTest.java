package dev.qaimport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void parsedQaNeedsPositiveRowAndLine() {
        assertThatThrownBy(() -> ParsedQA.of(0, 1, "q", "a")).hasMessage("row < 1: 0");
        assertThatThrownBy(() -> ParsedQA.of(1, 0, "q", "a")).hasMessage("line < 1: 0");
        assertThat(new ParsedQA(1, 2, "q", "a", null, null).tags()).isEmpty();
    }

    @Test
    void rowErrorShortensOriginalValuesAndNamesItsLocation() {
        String longText = "x".repeat(RowError.MAX_ORIGINAL_LENGTH + 10);
        RowError e = new RowError(7, 9, "answer", ErrorCodes.REQUIRED, "answer is empty").withOriginal(longText, null);

        assertThat(e.question()).hasSize(RowError.MAX_ORIGINAL_LENGTH + 1).endsWith("…");
        assertThat(e.toString()).isEqualTo("row 7 (line 9), answer: answer is empty [REQUIRED]");
    }

    @Test
    void rowErrorNeverSplitsASurrogatePair() {
        String s = "x".repeat(RowError.MAX_ORIGINAL_LENGTH - 1) + "😀" + "tail";
        RowError e = new RowError(1, 1, "question", "X", "m", s, null);

        assertThat(e.question()).endsWith("x…");
    }

    @Test
    void batchResultsAddUp() {
        UUID a = UUID.randomUUID();
        RowError err = new RowError(2, 2, "question", ErrorCodes.REQUIRED, "m");
        BatchResult r = new BatchResult(1, 0, 1, List.of(), List.of(a)).plus(new BatchResult(0, 1, 0, List.of(err), List.of()));

        assertThat(r.processedCount()).isEqualTo(3);
        assertThat(r.errors()).containsExactly(err);
        assertThat(r.createdIds()).containsExactly(a);
        assertThat(BatchResult.EMPTY.processedCount()).isZero();
    }

    @Test
    void jobProgressUsesRowsWhenKnownElseBytes() {
        assertThat(job(JobStatus.PROCESSING, 10, 5, 0, 0).progress()).isEqualTo(0.5);
        assertThat(job(JobStatus.PROCESSING, -1, 5, 200, 50).progress()).isEqualTo(0.25);
        assertThat(job(JobStatus.PROCESSING, -1, 0, 0, 0).progress()).isZero();
        assertThat(job(JobStatus.COMPLETED, 0, 0, 0, 0).progress()).isEqualTo(1.0);
    }

    @Test
    void terminalStatusesAreTheFinishedOnes() {
        assertThat(JobStatus.COMPLETED.isTerminal()).isTrue();
        assertThat(JobStatus.FAILED.isTerminal()).isTrue();
        assertThat(JobStatus.CANCELLED.isTerminal()).isTrue();
        assertThat(JobStatus.PENDING.isTerminal()).isFalse();
        assertThat(JobStatus.PROCESSING.isTerminal()).isFalse();
    }

    private static ImportJob job(JobStatus status, long total, long processed, long payload, long read) {
        Instant t = Instant.EPOCH;
        return new ImportJob(UUID.randomUUID(), "default", "f.csv", SourceType.CSV, status, total, processed, 0, 0, 0, 0, 0, null, null, false,
                payload, read, 1, null, null, t, t, t, null);
    }
}
