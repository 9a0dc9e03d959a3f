package dev.qaimport.benchmarks;

import java.util.List;

/**
 * One way of importing the FAQ CSV into a database, run by the harness as a whole child JVM
 * (start-up included) against a fresh database. Implementations have a public no-argument
 * constructor or are listed in {@link Contenders}; {@link #run} is only ever called inside the
 * child, once per process.
 */
public interface ImportContender {
    /** The short name used on the command line and in reports, for example {@code spring-batch}. */
    String id();

    /** What this contender does, in one Markdown paragraph for {@code docs/BENCHMARKS.md}. */
    String description();

    /** Whether this contender can run against {@code database}. */
    boolean supports(Database database);

    /** The driver-property variants to run on {@code database}; the default variant only, unless overridden. */
    default List<Variant> variants(Database database) {
        return List.of(Variant.DEFAULT);
    }

    /**
     * Whether this contender sanitizes, validates and de-duplicates, so that its counts must match
     * the generator's; {@code false} for a raw load such as {@code COPY}.
     */
    default boolean validates() {
        return true;
    }

    /**
     * Whether this contender is so slow that the harness runs it in the first rounds only
     * ({@code --slow-rounds}, default 1), as for row-by-row JDBC.
     */
    default boolean slow() {
        return false;
    }

    /** The table the pairs land in, counted by the harness after the run. */
    default String pairsTable() {
        return "qa_pairs";
    }

    /** The table row errors land in, counted by the harness after the run; {@code null} for none. */
    default String errorsTable() {
        return "import_errors";
    }

    /**
     * Imports {@code spec.csv()} into the empty database at {@code spec.jdbcUrl()}, creating the
     * tables it needs, and reports what it did.
     */
    ImportOutcome run(ImportSpec spec) throws Exception;
}
