package dev.qaimport.jdbc.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * JDBI's template engine with the table prefix: every statement JDBI runs for the store is first
 * rewritten by {@link TablePrefix#sql}, then rendered by the engine it wraps (JDBI's default,
 * which expands the {@code <ids>} lists the repositories bind). The rewrite runs on the template,
 * before any list is expanded, and {@link #parse} lets JDBI cache the result per template, so a
 * statement is rewritten once per distinct SQL string, not at every execution. Thread-safe.
 */
final class PrefixingTemplateEngine implements TemplateEngine {
    private final TablePrefix prefix;
    private final TemplateEngine delegate;

    PrefixingTemplateEngine(TablePrefix prefix, TemplateEngine delegate) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String render(String template, StatementContext ctx) {
        return delegate.render(prefix.sql(template), ctx);
    }

    @Override
    public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
        return delegate.parse(prefix.sql(template), config);
    }
}
