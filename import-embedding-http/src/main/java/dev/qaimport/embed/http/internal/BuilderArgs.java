package dev.qaimport.embed.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** The checks and URL building shared by the builders of {@code HttpEmbeddingService}. */
public final class BuilderArgs {
    private BuilderArgs() {
    }

    /** {@code url} as an http or https URL with a host; the message never repeats a query (it may hold a key). */
    public static URI parseUrl(String url, String name) {
        requireText(url, name);
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http or https URL with a host: "
                    + (uri.getHost() == null ? url.replaceAll("[?#].*", "") : SafeUrl.of(uri)));
        }
        return uri;
    }

    /** {@code base} with {@code path} appended to its path, keeping its query. */
    public static URI append(URI base, String path, String extraQuery) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String query = base.getRawQuery();
        if (extraQuery != null) {
            query = query == null || query.isEmpty() ? extraQuery : query + "&" + extraQuery;
        }
        StringBuilder s = new StringBuilder();
        s.append(base.getScheme()).append("://");
        if (base.getRawUserInfo() != null) {
            s.append(base.getRawUserInfo()).append('@');
        }
        s.append(base.getRawAuthority().substring(base.getRawUserInfo() == null ? 0 : base.getRawUserInfo().length() + 1));
        s.append(basePath).append(path);
        if (query != null && !query.isEmpty()) {
            s.append('?').append(query);
        }
        return URI.create(s.toString());
    }

    public static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value.strip();
    }

    public static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }
}
