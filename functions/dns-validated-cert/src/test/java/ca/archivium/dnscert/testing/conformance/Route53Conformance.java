package ca.archivium.dnscert.testing.conformance;

import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

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
 *   <li>{@code ListHostedZonesByName} lists every zone of the account in the order of their names with the labels
 *       reversed ({@code com.example}, {@code com.example.dev}, {@code net.example}), then by id, from the first at or
 *       after {@code dnsname} (and {@code hostedzoneid}), {@code maxitems} at a time (100 unless asked), with
 *       {@code IsTruncated}, {@code MaxItems}, and {@code NextDNSName} and {@code NextHostedZoneId} when there is more
 *       (Route 53 API reference, ListHostedZonesByName; the model makes {@code IsTruncated} and {@code MaxItems}
 *       required). moto answers only the zones named exactly {@code dnsname}, all of them, without
 *       {@code IsTruncated} or {@code MaxItems}.</li>
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

    /**
     * ListHostedZonesByName answered from moto's ListHostedZones (every zone of the account the request was signed
     * for), ordered, started and paged as Route 53 does it.
     */
    static ProxyReply listHostedZonesByName(ModelledRequest request, ProxiedRequest raw, Upstream moto)
            throws IOException {
        String dnsName = request.members().path("DNSName").asText("");
        String startId = request.members().path("HostedZoneId").asText("").replace("/hostedzone/", "");
        int maxItems = Integer.parseInt(request.members().path("MaxItems").asText("100"));
        List<Element> zones = new ArrayList<>();
        String marker = null;
        do {
            ProxyReply page = moto.forward(new ProxiedRequest("GET", "/2013-04-01/hostedzone?maxitems=100"
                + (marker == null ? "" : "&marker=" + URLEncoder.encode(marker, StandardCharsets.UTF_8)),
                raw.headers(), new byte[0], raw.call()));
            if (page.status() != 200) {
                return page;
            }
            Document document = xml(page.body());
            NodeList found = document.getElementsByTagName("HostedZone");
            for (int i = 0; i < found.getLength(); i++) {
                zones.add((Element) found.item(i));
            }
            marker = "true".equals(text(document.getDocumentElement(), "IsTruncated"))
                ? text(document.getDocumentElement(), "NextMarker") : null;
        } while (marker != null);
        Comparator<Element> order = Comparator.comparing((Element zone) -> reversedLabels(text(zone, "Name")))
            .thenComparing(zone -> text(zone, "Id").replace("/hostedzone/", ""));
        zones.sort(order);
        List<Element> listed = zones.stream()
            .filter(zone -> dnsName.isEmpty() || reversedLabels(text(zone, "Name")).compareTo(reversedLabels(dnsName)) > 0
                || reversedLabels(text(zone, "Name")).equals(reversedLabels(dnsName))
                    && text(zone, "Id").replace("/hostedzone/", "").compareTo(startId) >= 0)
            .toList();
        StringBuilder answer = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListHostedZonesByNameResponse"
            + " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><HostedZones>");
        listed.stream().limit(maxItems).forEach(zone -> answer.append(serialized(zone)));
        answer.append("</HostedZones>");
        if (!dnsName.isEmpty()) {
            answer.append("<DNSName>").append(escape(dnsName)).append("</DNSName>");
        }
        if (!startId.isEmpty()) {
            answer.append("<HostedZoneId>").append(escape(startId)).append("</HostedZoneId>");
        }
        boolean truncated = listed.size() > maxItems;
        answer.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (truncated) {
            Element next = listed.get(maxItems);
            answer.append("<NextDNSName>").append(escape(text(next, "Name"))).append("</NextDNSName><NextHostedZoneId>")
                .append(escape(text(next, "Id").replace("/hostedzone/", ""))).append("</NextHostedZoneId>");
        }
        answer.append("<MaxItems>").append(maxItems).append("</MaxItems></ListHostedZonesByNameResponse>");
        return new ProxyReply(200, Map.of("Content-Type", List.of("text/xml")),
            answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code www.example.com.} as Route 53 orders it: {@code com.example.www}. */
    static String reversedLabels(String name) {
        List<String> labels = new ArrayList<>(List.of(name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "").split("\\.")));
        Collections.reverse(labels);
        return String.join(".", labels);
    }

    private static Document xml(byte[] body) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("moto's Route 53 answered something that is not XML", e);
        }
    }

    private static String text(Element parent, String child) {
        NodeList found = parent.getElementsByTagName(child);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent();
    }

    private static String serialized(Element zone) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(zone), new StreamResult(out));
            // The zone keeps the namespace of the document it came from, which the answer declares already.
            return out.toString().replace(" xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"", "");
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write a hosted zone back as XML", e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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
