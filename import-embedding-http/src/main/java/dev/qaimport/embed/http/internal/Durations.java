package dev.qaimport.embed.http.internal;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the durations providers put in headers: {@code retry-after(-ms)} and {@code x-ratelimit-reset-*}. */
public final class Durations {
    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d*)?|\\.\\d+");

    private Durations() {
    }

    /**
     * A duration in Go's notation as OpenAI sends it ({@code 6m0s}, {@code 1s}, {@code 20ms},
     * {@code 1h2m3.5s}) or a plain number of seconds; empty when it is neither.
     */
    public static Optional<Duration> parseGo(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (NUMBER.matcher(s).matches()) {
            return Optional.of(fromNanos(Double.parseDouble(s) * 1e9));
        }
        Matcher m = GO_PART.matcher(s);
        double nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
            end = m.end();
        }
        return end == s.length() && end > 0 ? Optional.of(fromNanos(nanos)) : Optional.empty();
    }

    /**
     * How long the provider asks to wait: {@code retry-after-ms} (milliseconds), else
     * {@code retry-after} as seconds or as an HTTP date (measured against {@code clock});
     * empty when neither header is there or readable.
     */
    public static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        Optional<String> ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent() && NUMBER.matcher(ms.get().strip()).matches()) {
            return Optional.of(fromNanos(Double.parseDouble(ms.get().strip()) * 1e6));
        }
        Optional<String> value = headers.firstValue("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String s = value.get().strip();
        if (NUMBER.matcher(s).matches()) {
            return Optional.of(fromNanos(Double.parseDouble(s) * 1e9));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static double unitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1;
            case "us":
            case "µs":
            case "μs":
                return 1e3;
            case "ms":
                return 1e6;
            case "s":
                return 1e9;
            case "m":
                return 60e9;
            default:
                return 3600e9;
        }
    }

    private static Duration fromNanos(double nanos) {
        if (nanos >= Long.MAX_VALUE) {
            return Duration.ofNanos(Long.MAX_VALUE);
        }
        return Duration.ofNanos((long) Math.ceil(nanos));
    }
}
