package dev.qaimport.benchmarks;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an embedding contender is given inside its child JVM: the stub provider, the texts, and
 * an empty database for contenders that embed stored pairs. The password never appears in
 * {@link #toString()}.
 *
 * @param baseUrl  the stub provider's OpenAI-compatible base URL, ending in {@code /v1}
 * @param model    the model name to send
 * @param csv      a CSV of valid, distinct FAQ rows
 * @param texts    how many rows of {@code csv} to embed
 * @param database which database {@code jdbcUrl} points at
 * @param jdbcUrl  a fresh, empty database
 * @param user     database user
 * @param password database password (may be empty)
 */
public record EmbeddingSpec(String baseUrl, String model, Path csv, int texts, Database database, String jdbcUrl, String user, String password) {
    public EmbeddingSpec {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (texts < 1) {
            throw new IllegalArgumentException("texts < 1: " + texts);
        }
    }

    @Override
    public String toString() {
        return "EmbeddingSpec[" + baseUrl + " model=" + model + " csv=" + csv + " texts=" + texts + " " + database.id() + " " + jdbcUrl + "]";
    }
}
