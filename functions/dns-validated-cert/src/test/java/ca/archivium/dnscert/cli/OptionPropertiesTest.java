package ca.archivium.dnscert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The resource's property paths, as the options that gave them. */
class OptionPropertiesTest {

    @Test
    void indexedPropertiesBecomeTheOptionWithTheSameIndex() {
        assertThat(OptionProperties.inOptionTerms("SubjectAlternativeNames[2]: 'A' repeats SubjectAlternativeNames[0]"))
            .isEqualTo("--san[2]: 'A' repeats --san[0]");
        assertThat(OptionProperties.inOptionTerms("Tags[1].Value: is 300 characters long"))
            .isEqualTo("--tag[1] VALUE: is 300 characters long");
        assertThat(OptionProperties.inOptionTerms("DomainValidationOptions[0].HostedZoneId: 'x' is not a Route 53 hosted zone id"))
            .isEqualTo("--zone[0] ZONE_ID: 'x' is not a Route 53 hosted zone id");
    }

    @Test
    void aPropertyNamedInsideTheSentenceIsTranslatedToo() {
        assertThat(OptionProperties.inOptionTerms("DomainName: 'x' is 70 characters long; ACM limits the first name of a "
            + "certificate to 64 (put the longer name in SubjectAlternativeNames)"))
            .isEqualTo("--domain: 'x' is 70 characters long; ACM limits the first name of a certificate to 64 "
                + "(put the longer name in --san)");
        assertThat(OptionProperties.inOptionTerms("HostedZoneRoleExternalId: is set but HostedZoneRoleArn is not"))
            .isEqualTo("--external-id: is set but --hosted-zone-role-arn is not");
    }
}
