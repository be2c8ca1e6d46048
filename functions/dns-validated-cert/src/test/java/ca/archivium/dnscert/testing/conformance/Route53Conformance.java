package ca.archivium.dnscert.testing.conformance;

import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Route 53 as AWS answers it, over moto's Route 53.
 *
 * <ul>
 *   <li>{@code ChangeResourceRecordSets} answers {@code ChangeInfo.Status} {@code PENDING}: the change is
 *       {@code INSYNC} only once every Route 53 server has it, which {@code GetChange} tells (Route 53 API
 *       reference, ChangeResourceRecordSets and GetChange). moto answers {@code INSYNC} at once; its
 *       {@code GetChange} stays as moto answers it, the change being in sync by the time anyone asks.</li>
 *   <li>{@code ListResourceRecordSets} names records as Route 53 stores them: letters in lower case, and every
 *       character other than {@code a-z}, {@code 0-9}, {@code -}, {@code _} and {@code .} as a three-digit octal
 *       escape, {@code *.example.com.} as {@code \052.example.com.} (Route 53 Developer Guide, "DNS domain name
 *       format"; hashicorp/terraform-provider-aws PR #36699). moto answers them as written.</li>
 *   <li>Names are not case-sensitive: Route 53 "stores alphabetic characters as lowercase letters, regardless of how
 *       you specify them" (the same page), so {@code *.Example.com} belongs in the zone {@code example.com}. moto
 *       compares them as written and refuses it ({@code InvalidChangeBatch: RRSet with DNS name *.Example.com. is not
 *       permitted in zone example.com.}): the names of records and zones reach it in lower case.</li>
 * </ul>
 */
final class Route53Conformance {
    private static final Pattern NAME = Pattern.compile("<Name>([^<]*)</Name>");

    private Route53Conformance() {
    }

    /** The request moto gets: record and zone names in lower case, as Route 53 stores them. */
    static ProxiedRequest request(String operation, ProxiedRequest request) {
        if (!operation.equals("ChangeResourceRecordSets") && !operation.equals("CreateHostedZone")) {
            return request;
        }
        Matcher names = NAME.matcher(request.bodyText());
        StringBuilder out = new StringBuilder();
        while (names.find()) {
            names.appendReplacement(out, Matcher.quoteReplacement("<Name>" + names.group(1).toLowerCase(Locale.ROOT)
                + "</Name>"));
        }
        names.appendTail(out);
        return new ProxiedRequest(request.method(), request.pathAndQuery(), request.headers(),
            out.toString().getBytes(StandardCharsets.UTF_8), request.call());
    }

    static ProxyReply reshape(String operation, ProxyReply reply) {
        if (reply.status() != 200) {
            return reply;
        }
        return switch (operation) {
            case "ChangeResourceRecordSets" -> replaced(reply,
                reply.bodyText().replace("<Status>INSYNC</Status>", "<Status>PENDING</Status>"));
            case "ListResourceRecordSets" -> replaced(reply, escapedNames(reply.bodyText()));
            default -> reply;
        };
    }

    private static String escapedNames(String xml) {
        Matcher names = NAME.matcher(xml);
        StringBuilder out = new StringBuilder();
        while (names.find()) {
            names.appendReplacement(out, Matcher.quoteReplacement("<Name>" + stored(names.group(1)) + "</Name>"));
        }
        names.appendTail(out);
        return out.toString();
    }

    /** A name as Route 53 stores it and lists it. */
    static String stored(String name) {
        StringBuilder stored = new StringBuilder();
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '\\' && i + 3 < lower.length() && lower.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                stored.append(lower, i, i + 4);
                i += 3;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                stored.append(c);
            } else {
                stored.append(String.format("\\%03o", (int) c));
            }
        }
        return stored.toString();
    }

    private static ProxyReply replaced(ProxyReply reply, String body) {
        return new ProxyReply(reply.status(), reply.headers(), body.getBytes(StandardCharsets.UTF_8));
    }
}
