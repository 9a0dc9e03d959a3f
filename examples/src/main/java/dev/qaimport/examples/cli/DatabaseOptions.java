package dev.qaimport.examples.cli;

import dev.qaimport.jdbc.JdbcImportStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the database is: {@code --db}, {@code --db-user}, {@code --db-password}. */
public final class DatabaseOptions {
    /** The directory of the default H2 database, relative to the working directory. */
    public static final String DEFAULT_DIR = "qa-import-data";

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "Database URL: jdbc:h2:…, jdbc:postgresql://…, jdbc:mariadb://… "
            + "(default: an H2 file database under ./" + DEFAULT_DIR + "/; env QA_IMPORT_DB).")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (env QA_IMPORT_DB_USER).")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Database password; prefer env QA_IMPORT_DB_PASSWORD, "
            + "which does not show in the process list.")
    String password;

    String url(Env env) {
        if (url != null) {
            return url;
        }
        String fromEnv = env.get("QA_IMPORT_DB");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return defaultUrl(env);
    }

    static String defaultUrl(Env env) {
        Path dir = env.workingDirectory().resolve(DEFAULT_DIR).toAbsolutePath().normalize();
        // AUTO_SERVER lets a second qa-import process (status, cancel, a worker) open the file while an import runs.
        return "jdbc:h2:file:" + dir.resolve("qa-import") + ";AUTO_SERVER=TRUE";
    }

    boolean isDefault(Env env) {
        return url == null && (env.get("QA_IMPORT_DB") == null || env.get("QA_IMPORT_DB").isBlank());
    }

    /** Whether the default H2 database has not been created yet (a dry run then has nothing to compare with). */
    boolean defaultDatabaseMissing(Env env) {
        return isDefault(env) && !Files.exists(env.workingDirectory().resolve(DEFAULT_DIR).resolve("qa-import.mv.db"));
    }

    String user(String url, Env env) {
        if (user != null) {
            return user;
        }
        String fromEnv = env.get("QA_IMPORT_DB_USER");
        if (fromEnv != null) {
            return fromEnv;
        }
        if (url.startsWith("jdbc:h2:")) {
            return "sa";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "postgres";
        }
        return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:") ? "root" : null;
    }

    String password(Env env) {
        if (password != null) {
            return password;
        }
        String fromEnv = env.get("QA_IMPORT_DB_PASSWORD");
        return fromEnv != null ? fromEnv : "";
    }

    /** Opens the store (creating the default directory and installing the schema if needed). */
    JdbcImportStore open(Env env) {
        String u = url(env);
        if (!u.startsWith("jdbc:")) {
            throw new UsageException("--db must be a JDBC URL such as jdbc:postgresql://localhost:5432/db, not '" + u + "'");
        }
        if (isDefault(env)) {
            try {
                Files.createDirectories(env.workingDirectory().resolve(DEFAULT_DIR));
            } catch (java.io.IOException e) {
                throw new UsageException("cannot create ./" + DEFAULT_DIR + ": " + e.getMessage());
            }
        }
        return JdbcImportStore.builder(u, user(u, env), password(env)).installSchema(true).build();
    }
}
