package ca.archivium.dnscert.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNamesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "Example.COM, example.com",
        "example.com., example.com",
        "*.Dev.Example.com, *.dev.example.com",
        "bücher.example, xn--bcher-kva.example",
        "*.münchen.de, *.xn--mnchen-3ya.de",
        "a-b.c-d.example, a-b.c-d.example",
    })
    void namesAreCaseFoldedStrippedOfTheTrailingDotAndPunycoded(String raw, String expected) {
        assertThat(DomainNames.normalize(raw, "DomainName")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "www.*.example.com | wildcard that is not the whole leftmost label",
        "*example.com      | wildcard that is not the whole leftmost label",
        "**.example.com    | wildcard that is not the whole leftmost label",
        "example..com      | empty label",
        ".example.com      | empty label",
        "-bad.example.com  | do not start or end with a hyphen",
        "bad-.example.com  | do not start or end with a hyphen",
        "under_score.com   | labels are letters, digits and hyphens",
        "localhost         | not a fully qualified domain name",
        "'exa mple.com'    | white space",
    })
    void badNamesAreRejectedWithTheProblem(String raw, String problem) {
        assertThatThrownBy(() -> DomainNames.normalize(raw, "SubjectAlternativeNames[0]"))
            .isInstanceOf(InvalidPropertyException.class)
            .hasMessageStartingWith("SubjectAlternativeNames[0]: ")
            .hasMessageContaining(problem);
    }

    @Test
    void labelsLongerThan63AreRejected() {
        String name = "a".repeat(64) + ".example.com";
        assertThatThrownBy(() -> DomainNames.normalize(name, "DomainName"))
            .hasMessageContaining("longer than 63");
    }

    @Test
    void namesLongerThan253AreRejected() {
        String name = ("a".repeat(60) + ".").repeat(5) + "com";
        assertThatThrownBy(() -> DomainNames.normalize(name, "DomainName"))
            .hasMessageContaining("the limit is 253");
    }
}
