package ca.archivium.dnscert.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PublicDnsChecksTest {
    /** A resolver that never answers: every question costs a timeout. */
    private static class Silent implements PublicDns {
        final AtomicInteger questions = new AtomicInteger();

        private <T> DnsLookup<T> timeout() {
            questions.incrementAndGet();
            return DnsLookup.unreachable("timed out");
        }

        @Override
        public DnsLookup<String> nameServers(String zone) {
            return timeout();
        }

        @Override
        public DnsLookup<String> cname(String name) {
            return timeout();
        }

        @Override
        public DnsLookup<CaaRecord> caa(String name) {
            return timeout();
        }

        @Override
        public DnsLookup<String> addresses(String host) {
            return timeout();
        }
    }

    @Test
    void eachQuestionIsAskedOnceARoundTheValidationCnameToo() {
        AtomicInteger cnameQuestions = new AtomicInteger();
        PublicDnsChecks checks = new PublicDnsChecks(new Silent() {
            @Override
            public DnsLookup<String> cname(String name) {
                cnameQuestions.incrementAndGet();
                return DnsLookup.answer(List.of("_b.acm-validations.aws."));
            }
        });

        DnsLookup<String> first = checks.cname("_a.example.com");
        DnsLookup<String> again = checks.cname("_a.example.com");

        assertThat(again).as("the same answer, from the round's memory").isSameAs(first);
        assertThat(cnameQuestions).as("a record shared by a name and its wildcard is asked for once").hasValue(1);
        checks.cname("_c.example.com");
        assertThat(cnameQuestions).as("another record is asked for").hasValue(2);
    }

    @Test
    void afterTheResolverFailedToAnswerTheRestOfTheRoundIsSkipped() {
        Silent silent = new Silent();
        PublicDnsChecks checks = new PublicDnsChecks(silent);

        assertThat(checks.delegation("example.com", List.of("ns-1.awsdns-01.com")).verdict()).isEqualTo(Delegation.Verdict.UNKNOWN);
        assertThat(checks.caa("www.example.com").verdict()).isEqualTo(CaaPolicy.Verdict.UNKNOWN);
        assertThat(checks.cname("_a.www.example.com").status()).isEqualTo(DnsLookup.Status.UNREACHABLE);
        assertThat(silent.questions).as("one timeout per round, not one per question").hasValue(1);
    }
}
