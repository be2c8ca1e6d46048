package ca.archivium.dnscert.cfn;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * When CloudFormation signed a request's ResponseURL, and until when the URL is valid, read from its query string
 * alone. Pure. The URL is a bearer secret: nothing here keeps it, logs it or puts it in a message.
 *
 * <p>CloudFormation's ResponseURL is a pre-signed S3 PUT URL. Signed with Signature Version 4 it carries
 * {@code X-Amz-Date=20231120T164050Z} (when it was signed, in UTC) and {@code X-Amz-Expires=7200} (seconds it stays
 * valid): events users recorded from CloudFormation show both, with 7200, from 2020 to 2023. Older ResponseURLs
 * were signed with Signature Version 2 and carry only {@code Expires=<epoch seconds>}, the end of their validity
 * (S3's query-string authentication). An answer PUT after either end is refused by S3 (403).
 *
 * @param signedAt  {@code X-Amz-Date}: when CloudFormation signed the URL, which is when it sent the request
 * @param expiresAt the end of the URL's validity: {@code X-Amz-Date} + {@code X-Amz-Expires}, or {@code Expires}
 */
public record ResponseUrlDates(Optional<Instant> signedAt, Optional<Instant> expiresAt) {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** Reads the dates of {@code responseUrl}; whatever is missing or malformed is left empty. */
    public static ResponseUrlDates of(String responseUrl) {
        String query = queryOf(responseUrl);
        Optional<Instant> signed = parameter(query, "X-Amz-Date").flatMap(ResponseUrlDates::amzDate);
        Optional<Long> lifetime = parameter(query, "X-Amz-Expires").flatMap(ResponseUrlDates::seconds);
        Optional<Instant> expires = signed.isPresent() && lifetime.isPresent()
            ? Optional.of(signed.get().plusSeconds(lifetime.get()))
            : parameter(query, "Expires").flatMap(ResponseUrlDates::seconds).map(Instant::ofEpochSecond);
        return new ResponseUrlDates(signed, expires);
    }

    private static String queryOf(String url) {
        if (url == null) {
            return "";
        }
        int start = url.indexOf('?');
        if (start < 0) {
            return "";
        }
        int fragment = url.indexOf('#', start);
        return fragment < 0 ? url.substring(start + 1) : url.substring(start + 1, fragment);
    }

    private static Optional<String> parameter(String query, String name) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> amzDate(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, AMZ_DATE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> seconds(String text) {
        return text.matches("[0-9]{1,12}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }
}
