package dev.qaimport.embed.http.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the stub provider saw it.
 *
 * @param method            the HTTP method
 * @param path              the path
 * @param query             the raw query, or null
 * @param headers           headers by lower-case name
 * @param body              the body as UTF-8 text
 * @param inputs            the {@code input} texts of the body (empty if it had none)
 * @param arrivalNanos      {@link System#nanoTime()} at arrival
 * @param inFlightAtArrival requests in flight at that moment (arrived and not yet being answered), this one included
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body,
                              List<String> inputs, long arrivalNanos, int inFlightAtArrival) {
    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
