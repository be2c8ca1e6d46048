package ca.archivium.dnscert.reliability;

import ca.archivium.dnscert.testing.IntegrationTest;

/** The soak's second half: the rest of the lifecycles, from the next seed, in a test JVM beside the first half. */
@IntegrationTest
class SoakSecondHalfTest extends SoakTest {
    @Override
    int half() {
        return 1;
    }
}
