package ca.archivium.dnscert.dns;

import java.util.List;

/**
 * What {@code GetHostedZone} says of a zone: its name, its delegation set and its size.
 *
 * @param nameServers    the zone's name servers (its delegation set), lower case without the trailing dot
 * @param recordSetCount how many record sets the zone holds ({@code ResourceRecordSetCount})
 */
public record ZoneDetails(HostedZone zone, List<String> nameServers, long recordSetCount) {
    public ZoneDetails {
        nameServers = List.copyOf(nameServers);
    }
}
