package dev.qaimport.jdbc.internal;

import java.lang.reflect.Method;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The redaction of JDBC URLs for messages and logs: passwords and similar secrets become {@code ***}. */
final class Redact {
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;:]\\s*[a-z0-9_.-]*(?:password|passwd|pwd|secret|token)[a-z0-9_.-]*\\s*=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:?;]+):([^/@?;]*)@");

    private Redact() {
    }

    /** {@code url} with every password-like parameter and any {@code user:password@} replaced. */
    static String url(String url) {
        if (url == null) {
            return null;
        }
        String out = SECRET_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(out).replaceAll("//$1:***@");
    }

    /**
     * The URL of a data source for messages, without secrets: from a {@code getJdbcUrl()}
     * (HikariCP), {@code getUrl()} or {@code getURL()} (PostgreSQL, MariaDB, H2) method if it has
     * one, otherwise its class name.
     */
    static String describe(DataSource dataSource) {
        for (String name : new String[] {"getJdbcUrl", "getUrl", "getURL"}) {
            try {
                Method m = dataSource.getClass().getMethod(name);
                Object value = m.invoke(dataSource);
                if (value instanceof String && !((String) value).isBlank()) {
                    return url((String) value);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not every data source has such a method, or it refuses; the next one may do.
            }
        }
        return "data source " + dataSource.getClass().getName();
    }
}
