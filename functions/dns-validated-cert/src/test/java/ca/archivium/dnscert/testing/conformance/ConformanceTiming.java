package ca.archivium.dnscert.testing.conformance;

import java.time.Duration;

/**
 * How long ACM takes, after {@code RequestCertificate}, to know a certificate and to publish its validation records.
 *
 * <ul>
 *   <li>{@link #visibleAfter}: until then {@code DescribeCertificate} (and the other reads of the certificate,
 *       {@code ListTagsForCertificate}, {@code GetCertificate}) answer {@code ResourceNotFoundException}: "After
 *       successful completion of the RequestCertificate action, there is a delay of several seconds before you can
 *       retrieve information about the new certificate" (ACM API reference, RequestCertificate; DescribeCertificate
 *       says the same), and terraform-provider-aws keeps asking through it
 *       ({@code internal/service/acm/certificate.go}, {@code statusCertificateDomainValidationsAvailable}).</li>
 *   <li>{@link #firstRecordAfter} to {@link #lastRecordAfter}: the {@code ResourceRecord} of each name's
 *       {@code DomainValidationOptions} appears, name by name, spread over this interval: a describe in between
 *       answers some names with records and others without (aws/aws-cdk #8282, #7995, the fix in PR #18033;
 *       #4659). The certificate is {@code PENDING_VALIDATION} until every record is out.</li>
 * </ul>
 *
 * @param visibleAfter     from the request until the certificate can be read
 * @param firstRecordAfter from the request until the first name's record appears
 * @param lastRecordAfter  from the request until the last name's record appears
 */
public record ConformanceTiming(Duration visibleAfter, Duration firstRecordAfter, Duration lastRecordAfter) {

    /**
     * AWS's magnitude: not found for 3 s ("several seconds"), records from 4.5 s to 6 s, past the 4 s the product's
     * handler polls for them (so its wait loop has to write them).
     */
    public static final ConformanceTiming AWS = new ConformanceTiming(Duration.ofMillis(3000), Duration.ofMillis(4500),
        Duration.ofMillis(6000));

    /**
     * The suite's default: AWS's order of events a fifth as long, as {@code AwsTestEnvironment.CLIENT_TIMING} is a
     * fifth of the product's client timing. Not found for 0.6 s, records from 0.9 s to 1.2 s: within the handler's
     * 4-second poll, so the handler still writes them itself, a few looks later than the first.
     */
    public static final ConformanceTiming SUITE = AWS.dividedBy(5);

    public ConformanceTiming {
        if (visibleAfter.isNegative() || firstRecordAfter.compareTo(visibleAfter) < 0
                || lastRecordAfter.compareTo(firstRecordAfter) < 0) {
            throw new IllegalArgumentException("ACM's order of events is: visible, then the first record, then the last;"
                + " got " + visibleAfter + ", " + firstRecordAfter + ", " + lastRecordAfter);
        }
    }

    /** Every delay divided by {@code divisor}, the order of events kept. */
    private ConformanceTiming dividedBy(int divisor) {
        return new ConformanceTiming(visibleAfter.dividedBy(divisor), firstRecordAfter.dividedBy(divisor),
            lastRecordAfter.dividedBy(divisor));
    }

    /** When the record of the {@code index}-th of {@code names} names appears. */
    Duration recordAfter(int index, int names) {
        if (names <= 1) {
            return firstRecordAfter;
        }
        Duration spread = lastRecordAfter.minus(firstRecordAfter);
        return firstRecordAfter.plus(spread.multipliedBy(index).dividedBy(names - 1));
    }
}
