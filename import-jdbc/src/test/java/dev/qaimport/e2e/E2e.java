package dev.qaimport.e2e;

import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.QAPair;
import dev.qaimport.model.RowError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Small helpers shared by the end-to-end tests: CSV text, running a job, reading what it stored. */
final class E2e {
    private E2e() {
    }

    /** One CSV record with every cell quoted (quotes doubled), ending in a line feed. */
    static String row(String... cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(cells[i].replace("\"", "\"\"")).append('"');
        }
        return sb.append('\n').toString();
    }

    /** A CSV with a header and {@code n} valid rows {@code Question <prefix>-i?} / {@code Answer i.}. */
    static String csv(String prefix, int n) {
        StringBuilder sb = new StringBuilder("question,answer,category,tags\n");
        for (int i = 1; i <= n; i++) {
            sb.append("Question ").append(prefix).append('-').append(i).append("?,Answer ").append(i).append(".,General,a;b\n");
        }
        return sb.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Starts a job for {@code content} and runs it in the calling thread. */
    static ImportJob run(QaImport qa, String filename, byte[] content, ImportOptions options) {
        UUID id = qa.startImport(filename, new ByteArrayInputStream(content), options);
        return qa.processImport(id);
    }

    static ImportJob run(QaImport qa, String filename, String content) {
        return run(qa, filename, utf8(content), ImportOptions.defaults());
    }

    static List<QAPair> pairs(QaImport qa, UUID jobId) {
        return qa.getPairs(jobId, 0, 1_000_000);
    }

    static List<RowError> errors(QaImport qa, UUID jobId) {
        return qa.getErrors(jobId, 0, 1_000_000);
    }
}
