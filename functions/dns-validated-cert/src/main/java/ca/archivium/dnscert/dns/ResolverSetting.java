package ca.archivium.dnscert.dns;

import java.util.Locale;

/**
 * Which resolver the DNS checks ask, from {@code DNSCERT_RESOLVER}: unset or {@code system} for the system's
 * (/etc/resolv.conf), {@code off} for none, else {@code host}, {@code host:port} or {@code [ipv6]:port}. Pure.
 *
 * @param host null for the system's resolver
 */
public record ResolverSetting(boolean off, String host, int port) {
    public static final ResolverSetting SYSTEM = new ResolverSetting(false, null, 53);
    public static final ResolverSetting NONE = new ResolverSetting(true, null, 0);

    /** @throws IllegalArgumentException naming the variable when the value is not one of the forms above */
    public static ResolverSetting parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("system")) {
            return SYSTEM;
        }
        String v = value.trim();
        if (v.toLowerCase(Locale.ROOT).equals("off")) {
            return NONE;
        }
        String host = v;
        String port = null;
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            if (end < 0) {
                throw invalid(value);
            }
            host = v.substring(1, end);
            if (end + 1 < v.length()) {
                if (v.charAt(end + 1) != ':') {
                    throw invalid(value);
                }
                port = v.substring(end + 2);
            }
        } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
            host = v.substring(0, v.indexOf(':'));
            port = v.substring(v.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw invalid(value);
        }
        int number = 53;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw invalid(value);
            }
            if (number < 1 || number > 65535) {
                throw invalid(value);
            }
        }
        return new ResolverSetting(false, host, number);
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException(PublicDns.RESOLVER_VARIABLE + "='" + value
            + "' is not host, host:port, [ipv6]:port, system or off");
    }

    @Override
    public String toString() {
        return off ? "off" : host == null ? "the system's resolver" : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
