package io.regioncache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a database that cannot be reached is reported as: where it is, never the password that reaches it. */
class TestDatabaseSchemaTest {

    static final String SECRET = "Sup3r-S3cret-pw";

    /** Nothing listens on port 1 of the loopback: every connection there is refused at once. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://127.0.0.1:1/test?user=x&password=SECRET | jdbc:postgresql://127.0.0.1:1/test?***",
            "jdbc:postgresql://127.0.0.1:1/test?password=SECRET&user=x | jdbc:postgresql://127.0.0.1:1/test?***",
            "jdbc:postgresql://127.0.0.1:1/test?ssl=false&password=SECRET&user=x | jdbc:postgresql://127.0.0.1:1/test?***",
            "jdbc:postgresql://127.0.0.1:1/test?sslpassword=SECRET | jdbc:postgresql://127.0.0.1:1/test?***",
            "jdbc:postgresql://x:SECRET@127.0.0.1:1/test | jdbc:postgresql://***@127.0.0.1:1/test",
            "jdbc:h2:tcp://127.0.0.1:1/db;USER=x;PASSWORD=SECRET | jdbc:h2:tcp://127.0.0.1:1/db;***",
            "jdbc:nodriver://127.0.0.1:1/test;password=SECRET;user=x | jdbc:nodriver://127.0.0.1:1/test;***",
            "jdbc:nodriver://127.0.0.1:1/test?accessToken=SECRET | jdbc:nodriver://127.0.0.1:1/test?***",
            "jdbc:oracle:thin:x/SECRET@127.0.0.1:1:orcl | jdbc:oracle:***@127.0.0.1:1:orcl"})
    void anUnreachableDatabaseIsNamedWithoutThePasswordItsUrlCarries(String url, String shown) {
        IllegalStateException failure = openingFails(url.replace("SECRET", SECRET));

        assertThat(failure).hasMessageStartingWith("No PostgreSQL at " + shown + " (");
        assertThat(printed(failure)).doesNotContain(SECRET);
    }

    @Test
    void theDriversExceptionsStayAsCausesWithTheirClassesAndSecretsHidden() {
        // The driver takes "x:<password>@127.0.0.1" for a host name and quotes it in a cause of its own.
        IllegalStateException failure = openingFails("jdbc:postgresql://x:" + SECRET + "@127.0.0.1:1/test");

        assertThat(printed(failure)).contains("org.postgresql.util.PSQLException: The connection attempt failed.",
                "java.net.UnknownHostException: ***@127.0.0.1").doesNotContain(SECRET);
    }

    private static IllegalStateException openingFails(String url) {
        return catchThrowableOfType(IllegalStateException.class,
                () -> TestDatabaseSchema.forBenchmark(url, "x", "", "unreachable"));
    }

    /** All a stack trace of {@code failure} would print: its message and every cause's. */
    static String printed(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
