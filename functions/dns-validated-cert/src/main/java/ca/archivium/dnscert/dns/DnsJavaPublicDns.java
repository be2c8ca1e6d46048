package ca.archivium.dnscert.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** {@link PublicDns} over dnsjava: one recursive query per question, to the configured or the system's resolver. */
final class DnsJavaPublicDns implements PublicDns {
    /** A resolver slower than this is treated as not answering; the checks then go on without it. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final Resolver resolver;
    private final String description;

    DnsJavaPublicDns(ResolverSetting setting, Duration timeout) {
        if (setting.host() == null) {
            ExtendedResolver system = new ExtendedResolver();
            system.setRetries(1);
            resolver = system;
        } else {
            resolver = new SimpleResolver(new InetSocketAddress(setting.host(), setting.port()));
        }
        resolver.setTimeout(timeout);
        description = setting.toString();
    }

    @Override
    public DnsLookup<String> nameServers(String zone) {
        return ask(zone, Type.NS, r -> r instanceof NSRecord ns ? text(ns.getTarget()) : null);
    }

    @Override
    public DnsLookup<String> cname(String name) {
        return ask(name, Type.CNAME, r -> r instanceof CNAMERecord c ? text(c.getTarget()) : null);
    }

    @Override
    public DnsLookup<CaaRecord> caa(String name) {
        return ask(name, Type.CAA, r -> r instanceof CAARecord c ? new CaaRecord(c.getFlags(), c.getTag(), c.getValue()) : null);
    }

    @Override
    public DnsLookup<String> addresses(String host) {
        return ask(host, Type.A, r -> r instanceof ARecord a ? a.getAddress().getHostAddress() : null);
    }

    private <T> DnsLookup<T> ask(String name, int type, Function<Record, T> pick) {
        Name question;
        try {
            question = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return DnsLookup.unknown("'" + name + "' is not a DNS name");
        }
        Message reply;
        try {
            reply = resolver.send(Message.newQuery(Record.newRecord(question, type, DClass.IN)));
        } catch (PortUnreachableException e) {
            return DnsLookup.unreachable("nothing answers DNS at " + description);
        } catch (IOException e) {
            return DnsLookup.unreachable(Type.string(type) + " " + name + " asked of " + description + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        int rcode = reply.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return DnsLookup.nxdomain();
        }
        if (rcode != Rcode.NOERROR) {
            return DnsLookup.unknown(Type.string(type) + " " + name + " asked of " + description + ": " + Rcode.string(rcode));
        }
        List<T> values = new ArrayList<>();
        for (Record record : reply.getSection(Section.ANSWER)) {
            if (record.getType() == type) {
                T value = pick.apply(record);
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return values.isEmpty() ? DnsLookup.noData() : DnsLookup.answer(values);
    }

    private static String text(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return description;
    }
}
