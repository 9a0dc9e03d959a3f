package dev.qaimport.embed.http.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** A renderer of provider URLs for messages and logs, without credentials in user-info or query. */
public final class SafeUrl {
    private static final Set<String> SECRET_PARAMS = Set.of("key", "api-key", "api_key", "apikey", "token",
            "access_token", "sig", "signature", "secret", "password", "code", "auth");

    private SafeUrl() {
    }

    /** {@code uri} with user-info and secret-looking query values replaced by {@code ****}. */
    public static String of(URI uri) {
        StringBuilder out = new StringBuilder();
        out.append(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(Secret.MASK).append('@');
        }
        out.append(uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            out.append('?');
            String[] params = query.split("&");
            for (int i = 0; i < params.length; i++) {
                if (i > 0) {
                    out.append('&');
                }
                int eq = params[i].indexOf('=');
                String name = eq < 0 ? params[i] : params[i].substring(0, eq);
                if (eq >= 0 && SECRET_PARAMS.contains(name.toLowerCase(Locale.ROOT))) {
                    out.append(name).append('=').append(Secret.MASK);
                } else {
                    out.append(params[i]);
                }
            }
        }
        return out.toString();
    }
}
