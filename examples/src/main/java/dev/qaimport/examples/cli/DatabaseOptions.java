package dev.qaimport.examples.cli;

import dev.qaimport.jdbc.JdbcImportStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Where the database is: {@code --db}, {@code --db-user}, {@code --db-password}. */
public final class DatabaseOptions {
    /** The directory of the default H2 database, relative to the working directory. */
    public static final String DEFAULT_DIR = "qa-import-data";

    /** H2's {@code DATABASE_NOT_FOUND_WITH_IF_EXISTS_1}. */
    private static final int H2_DATABASE_NOT_FOUND = 90146;

    /** A {@code password=} parameter, or credentials in the authority ({@code //user:secret@host}). */
    private static final Pattern CARRIES_PASSWORD = Pattern.compile("(?i)password=|//[^/@]*:[^/@]*@");

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

    /**
     * Opens the store without creating anything, for a dry run: returns {@code null} when the
     * database does not exist yet (an H2 file that was never created) or holds no qa-import
     * tables, because then no stored pair can be a duplicate. Creates no directory, no H2 file and
     * no table.
     */
    JdbcImportStore openIfInstalled(Env env) {
        String u = url(env);
        if (!u.startsWith("jdbc:")) {
            throw new UsageException("--db must be a JDBC URL such as jdbc:postgresql://localhost:5432/db, not '" + u + "'");
        }
        if (defaultDatabaseMissing(env)) {
            return null;
        }
        // Without IFEXISTS, H2 creates the database file the moment a connection asks for it.
        String existing = u.startsWith("jdbc:h2:") && !u.toUpperCase(Locale.ROOT).contains("IFEXISTS=") ? u + ";IFEXISTS=TRUE" : u;
        String user = user(existing, env);
        try (Connection c = DriverManager.getConnection(existing, user, password(env))) {
            if (!hasTable(c, "import_jobs") || !hasTable(c, "qa_pairs")) {
                return null;
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_NOT_FOUND) {
                return null;
            }
            // Other failures (unreachable, refused login) are reported by the store, with its URL redacted.
        }
        return JdbcImportStore.builder(existing, user, password(env)).installSchema(false).build();
    }

    /**
     * Whether the current schema has the table. Asked of the metadata rather than by a query that
     * may fail, because some drivers (MariaDB's) log every failed statement as a warning.
     */
    private static boolean hasTable(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        // The shipped schema creates unquoted names, which each database folds its own way.
        String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                : md.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        String escape = md.getSearchStringEscape();
        String pattern = escape == null || escape.isEmpty() ? name : name.replace("_", escape + "_");
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), pattern, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    /**
     * The options to repeat in a suggested command so that it reaches the same database: the
     * {@code --db} and {@code --db-user} given on the command line (the environment variables
     * reach the next command by themselves). Never a password: a URL that holds one is shown as
     * {@code JDBC_URL} for the user to fill in.
     */
    List<String> hintArguments() {
        List<String> args = new ArrayList<>();
        if (url != null) {
            args.add("--db");
            args.add(CARRIES_PASSWORD.matcher(url).find() ? "JDBC_URL" : url);
        }
        if (user != null) {
            args.add("--db-user");
            args.add(user);
        }
        return args;
    }
}
