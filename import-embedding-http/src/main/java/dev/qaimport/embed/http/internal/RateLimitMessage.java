package dev.qaimport.embed.http.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a 429's body says about the limit, in the words OpenAI and compatible servers use: "…on
 * tokens per min (TPM): Limit 150000, Used 140000, Requested 20000. Please try again in 1.2s."
 * Every part is optional and checked: a number that is not plausible (a limit of 0, more used
 * than twice the limit, a wait of hours) is dropped rather than believed, so a reworded or
 * garbled message costs nothing but the hint.
 *
 * @param requests  true when the message is about requests rather than tokens
 * @param limit     the limit per window, or empty
 * @param used      what the provider counts as used, or empty
 * @param requested what the refused request would have cost, as the provider counts it, or empty
 * @param tryAgain  the wait the provider suggests, or empty
 */
public record RateLimitMessage(boolean requests, OptionalLong limit, OptionalLong used, OptionalLong requested,
                               Optional<Duration> tryAgain) {
    private static final int MAX_TEXT = 16 * 1024;
    private static final long MAX_NUMBER = 1_000_000_000_000L;
    private static final Duration MAX_WAIT = Duration.ofHours(1);
    private static final Pattern LIMIT = number("limit");
    private static final Pattern USED = number("used");
    private static final Pattern REQUESTED = number("requested");
    private static final Pattern TRY_AGAIN = Pattern.compile("(?i)try again in\\s*([0-9][0-9.hmsuµn]*)");
    private static final Pattern ABOUT_REQUESTS = Pattern.compile("(?i)\\brequests per (min|minute|day|second)|\\(rp[md]\\)");

    /** An empty message: nothing known. */
    public static final RateLimitMessage NONE = new RateLimitMessage(false, OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), Optional.empty());

    private static Pattern number(String word) {
        return Pattern.compile("(?i)\\b" + word + "\\s*[:=]?\\s*([0-9][0-9,_]{0,20})");
    }

    /** Reads a response body; never fails. */
    public static RateLimitMessage parse(byte[] body) {
        if (body == null || body.length == 0) {
            return NONE;
        }
        String text = new String(body, 0, Math.min(body.length, MAX_TEXT), StandardCharsets.UTF_8);
        OptionalLong limit = find(LIMIT, text).stream().filter(v -> v > 0).findFirst();
        OptionalLong used = find(USED, text);
        if (used.isPresent() && limit.isPresent() && used.getAsLong() > 2 * limit.getAsLong()) {
            used = OptionalLong.empty();
        }
        OptionalLong requested = find(REQUESTED, text).stream().filter(v -> v > 0).findFirst();
        Optional<Duration> wait = Optional.empty();
        Matcher m = TRY_AGAIN.matcher(text);
        if (m.find()) {
            String value = m.group(1).replaceAll("\\.$", "").toLowerCase(Locale.ROOT);
            wait = Durations.parseGo(value).filter(d -> d.compareTo(MAX_WAIT) <= 0);
        }
        return new RateLimitMessage(ABOUT_REQUESTS.matcher(text).find(), limit, used, requested, wait);
    }

    private static OptionalLong find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(m.group(1).replace(",", "").replace("_", ""));
            return value >= 0 && value <= MAX_NUMBER ? OptionalLong.of(value) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
