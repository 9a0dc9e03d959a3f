package dev.qaimport.examples;

import dev.qaimport.ImportListener;
import dev.qaimport.ImportOptions;
import dev.qaimport.QaImport;
import dev.qaimport.embed.http.HttpEmbeddingService;
import dev.qaimport.jdbc.JdbcImportStore;
import dev.qaimport.jdbc.SchemaInstaller;
import dev.qaimport.model.ImportJob;
import dev.qaimport.model.RowError;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * How a backend wires qa-import by hand: the README shows this class. It compiles with the
 * build, so the snippet cannot drift from the API.
 */
public final class BackendExample implements AutoCloseable {
    private final QaImport qa;

    /** Wires qa-import onto the service's own connection pool. */
    public BackendExample(DataSource pool) {
        SchemaInstaller.install(pool);                          // or run the shipped SQL from your migrations
        qa = QaImport.builder()
                .store(JdbcImportStore.create(pool))            // your pool; qa-import never closes it
                .embeddingService(HttpEmbeddingService.openAi()
                        .apiKey(System.getenv("OPENAI_API_KEY"))
                        .model("text-embedding-3-small")
                        .build())
                .batchSize(200)
                .listener(new ImportListener() {
                    @Override
                    public void onJobFinished(ImportJob job) {
                        System.out.println(job.filename() + ": " + job.status() + ", " + job.successCount() + " stored");
                    }
                })
                .build();                                       // one per process; close it on shutdown
    }

    /** An upload handler: stores the file with a PENDING job and returns at once. */
    public UUID upload(String filename, InputStream body) {
        return qa.startImport(filename, body, ImportOptions.defaults());
    }

    /** A status handler: the job as stored, and its first row errors. */
    public String status(UUID jobId) {
        ImportJob job = qa.getJob(jobId).orElseThrow();
        List<RowError> errors = qa.getErrors(jobId, 0, 20);
        return job.status() + " " + Math.round(job.progress() * 100) + "% " + errors;
    }

    @Override
    public void close() {
        qa.close();
    }
}
