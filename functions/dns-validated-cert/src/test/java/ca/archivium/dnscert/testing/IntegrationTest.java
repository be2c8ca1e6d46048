package ca.archivium.dnscert.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that needs what only {@code bin/test} provides: moto, Node, or the repository around the function's
 * folder ({@code events/}, {@code template.yaml}, {@code examples/}, {@code statemachine/}). {@code sam build} copies
 * the folder alone and runs {@code mvn clean install} there, which runs every other test; {@code bin/test} runs
 * these too (Maven profile {@code integration}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface IntegrationTest {
}
