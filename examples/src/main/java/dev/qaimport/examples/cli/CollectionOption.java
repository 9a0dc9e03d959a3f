package dev.qaimport.examples.cli;

import dev.qaimport.CollectionName;
import dev.qaimport.QaImport;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The knowledge base a command works in: {@code --collection NAME}, else the environment variable
 * {@value #ENV}, else none. With none, the commands that look at or add jobs and pairs work in
 * {@value CollectionName#DEFAULT}, while {@code resume} and {@code worker} serve every collection.
 * Shared by every command.
 */
public final class CollectionOption {
    /** The environment variable that names the collection when {@code --collection} is not given. */
    public static final String ENV = "QA_IMPORT_COLLECTION";

    @Option(names = "--collection", paramLabel = "NAME", description = "The collection (knowledge base) to work in: duplicates, "
            + "search, job listings and job ids are all within it (default: the one named '" + CollectionName.DEFAULT + "'; env "
            + ENV + "). "
            + "1 to 64 ASCII letters, digits, '.', '_' and '-', starting with a letter or a digit.")
    String name;

    /**
     * The collection given on the command line or in the environment, checked; {@code null} when
     * neither names one.
     *
     * @throws UsageException for a name {@link CollectionName#check} refuses, saying where it came from
     */
    String given(Env env) {
        if (name != null) {
            return checked(name, "--collection");
        }
        String fromEnv = env.get(ENV);
        // Set but empty is refused rather than taken as unset: a worker would otherwise serve every collection.
        return fromEnv == null ? null : checked(fromEnv, ENV + " in the environment");
    }

    /** The collection the command works in: the one given, else {@value CollectionName#DEFAULT}. */
    String name(Env env) {
        String given = given(env);
        return given != null ? given : CollectionName.DEFAULT;
    }

    /** Checks the name before the command does anything else; a bad one is a usage error. */
    void validate(Env env) {
        given(env);
    }

    /** The builder working in the collection given; with none, the library's default (every collection for workers). */
    QaImport.Builder apply(Env env, QaImport.Builder b) {
        String given = given(env);
        return given == null ? b : b.collection(given);
    }

    /** What a command serves when it serves jobs of every collection unless one is given: for messages. */
    String served(Env env) {
        String given = given(env);
        return given == null ? "every collection" : "collection " + given;
    }

    /**
     * The options to repeat in a suggested command so that it works in the same collection: the
     * {@code --collection} given on the command line (the environment variable reaches the next
     * command by itself). A valid name needs no quoting for the shell.
     */
    List<String> hintArguments() {
        return name == null ? List.of() : List.of("--collection", name);
    }

    /** {@link #hintArguments()} as text to append to a suggested command: empty, or {@code " --collection NAME"}. */
    String hint() {
        return name == null ? "" : " --collection " + name;
    }

    private static String checked(String value, String source) {
        try {
            return CollectionName.check(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid " + source + ": " + e.getMessage());
        }
    }
}
