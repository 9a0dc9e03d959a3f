package dev.qaimport.parse.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FileSizeGuardTest {
    @Test
    void guardFailsOnceTheLimitIsPassedNamingIt() throws Exception {
        InputStream in = FileSizeGuard.borrowing(new ByteArrayInputStream(new byte[11]), 10);

        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
        assertThatThrownBy(in::read)
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.LIMIT_EXCEEDED))
                .hasMessage("the file is larger than 10 bytes (Limits.maxFileBytes); raise Limits.maxFileBytes / --max-file-size to import it");
    }

    @Test
    void guardPassesSmallContentThrough() throws Exception {
        InputStream in = FileSizeGuard.borrowing(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);

        assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        assertThat(in.skip(5)).isZero();
    }

    @Test
    void aBorrowingGuardLeavesTheCallersStreamOpenAndAnOwningOneClosesIt() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream callers = new ByteArrayInputStream(new byte[1]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        FileSizeGuard.borrowing(callers, 10).close();
        assertThat(closed).isFalse();
        FileSizeGuard.over(callers, 10).close();
        assertThat(closed).isTrue();
    }
}
