package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.testsupport.RedisServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exit codes and error messages: 1 for bad usage or input, 2 when Redis is out of reach; one line, no password. */
class CliErrorsIT {

    private static final String PASSWORD = "Sup3r-S3cret-pw";
    private static final String PREFIX = "cli-errors:";

    private static RedisServerProcess redis;
    private static RedisServerProcess guarded;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
        guarded = RedisServerProcess.start();
        // Set once it answers: the server process helper checks that it is up without a password.
        guarded.withCommands(commands -> commands.configSet("requirepass", "the-right-one"));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        guarded.close();
    }

    @Test
    void anUnknownCommandPrintsTheUsage() {
        CliProcess.Result result = CliProcess.run("--url", redis.url(), "frobnicate");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("'frobnicate'").contains("Usage: region-cache").contains("Commands:");
    }

    @Test
    void noCommandPrintsTheUsage() {
        CliProcess.Result result = CliProcess.run("--url", redis.url());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Missing command").contains("Usage: region-cache");
    }

    @Test
    void helpExitsWithZero() {
        CliProcess.Result result = CliProcess.run("get", "--help");

        assertThat(result.assertSuccess().out()).contains("--codec").contains("--allow");
    }

    @Test
    void anInvalidRegionNameNamesTheBadPart() {
        CliProcess.Result emptySegment = CliProcess.run("--url", redis.url(), "keys", "users..profiles");
        CliProcess.Result separator = CliProcess.run("--url", redis.url(), "ttl", "users::x");

        assertThat(emptySegment.exitCode()).isEqualTo(1);
        assertThat(emptySegment.err()).isEqualTo(
                "region-cache: Invalid region name 'users..profiles': it has an empty segment at index 6\n");
        assertThat(separator.exitCode()).isEqualTo(1);
        assertThat(separator.err()).contains("'users::x'").contains("'::'");
        assertThat(CliProcess.run("--url", redis.url(), "--root", "bad root", "tree").err()).contains("whitespace");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(CliProcess.run("--url", redis.url(), "tree", "--depth", "-1").exitCode()).isEqualTo(1);
        assertThat(CliProcess.run("--url", redis.url(), "get", "r", "k", "--codec", "yaml").exitCode()).isEqualTo(1);
        assertThat(CliProcess.run("--url", redis.url(), "keys").exitCode()).isEqualTo(1);
    }

    @Test
    void aMissingKeyOrAReservedKeyIsBadInput() {
        CliProcess.Result missing = CliProcess.run("--url", redis.url(), "--prefix", PREFIX, "get", "users", "nobody");
        CliProcess.Result reserved = CliProcess.run("--url", redis.url(), "--prefix", PREFIX, "get", "users", "__created__");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("region-cache: No key 'nobody' in region root.users\n");
        assertThat(reserved.exitCode()).isEqualTo(1);
        assertThat(reserved.err()).contains("'__created__' is reserved");
    }

    @Test
    void aKeyOfAnotherTypeWhereARegionShouldBeIsBadInput() {
        redis.withCommands(commands -> commands.set(PREFIX + "root.plain", "not a hash"));

        CliProcess.Result result = CliProcess.run("--url", redis.url(), "--prefix", PREFIX, "keys", "plain");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("region-cache: WRONGTYPE");
    }

    @Test
    void anUnreachableRedisExitsWithTwoAndNeverShowsThePassword() throws IOException {
        String url = "redis://admin:" + PASSWORD + "@127.0.0.1:" + closedPort();

        CliProcess.Result plain = CliProcess.run("--url", url, "tree");
        CliProcess.Result verbose = CliProcess.run("--url", url, "--verbose", "tree");

        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.out()).isEmpty();
        assertThat(plain.err()).startsWith("region-cache: Cannot connect to Redis at redis://127.0.0.1:")
                .doesNotContain(PASSWORD).hasLineCount(1);
        assertThat(verbose.exitCode()).isEqualTo(2);
        assertThat(verbose.err()).contains("\tat ").doesNotContain(PASSWORD);
    }

    @Test
    void refusedCredentialsExitWithTwoAndNeverShowThePassword() {
        String wrong = "redis://default:" + PASSWORD + "@127.0.0.1:" + guarded.port();

        CliProcess.Result wrongPassword = CliProcess.run("--url", wrong, "--verbose", "tree");
        CliProcess.Result noPassword = CliProcess.run("--url", guarded.url(), "tree");
        CliProcess.Result right = CliProcess.run("--url", "redis://:the-right-one@127.0.0.1:" + guarded.port(), "tree");

        assertThat(wrongPassword.exitCode()).isEqualTo(2);
        assertThat(wrongPassword.err()).contains("WRONGPASS").doesNotContain(PASSWORD);
        assertThat(wrongPassword.out()).isEmpty();
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.err()).contains("NOAUTH");
        assertThat(right.assertSuccess().out()).isEqualTo("root (0 entries, ttl none)\n");
    }

    @Test
    void aMalformedUrlIsBadInputAndItsPasswordIsHidden() {
        CliProcess.Result result = CliProcess.run("--url", "redis://admin:" + PASSWORD + "@127.0.0.1:notaport", "tree");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("region-cache: Invalid Redis URL").doesNotContain(PASSWORD);
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
