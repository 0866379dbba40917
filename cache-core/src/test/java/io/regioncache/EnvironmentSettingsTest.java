package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Python region_cache's REGION_CACHE_* names work beside ours, from a fake environment: no Redis
 * is contacted. FromEnvironmentIT builds against a real password-protected Redis.
 */
class EnvironmentSettingsTest {

    private static final String URL = "redis://127.0.0.1:6379/0";
    private static final String SECRET = "p@ss:w/rd?#%+ é";

    private static Map<String, String> environment(String... namesAndValues) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            environment.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return environment;
    }

    private static EnvironmentSettings read(String... namesAndValues) {
        return EnvironmentSettings.read(environment(namesAndValues));
    }

    @Test
    void hostPortDatabaseAndPasswordNameTheRedisWhenThereIsNoUrl() {
        EnvironmentSettings settings = read("REGION_CACHE_HOST", "cache.example", "REGION_CACHE_PORT", "6380",
                "REGION_CACHE_DB", "3", "REGION_CACHE_PASSWORD", SECRET);

        assertThat(settings.toString()).isEqualTo("EnvironmentSettings[redis://cache.example:6380/3]");
        assertThat(read("REGION_CACHE_HOST", "cache.example")).as("Python's defaults: port 6379, database 0, no password")
                .hasToString("EnvironmentSettings[redis://cache.example:6379/0]");
        assertThat(read("REGION_CACHE_HOST", "::1")).hasToString("EnvironmentSettings[redis://[::1]:6379/0]");
    }

    @Test
    void aPasswordWithUrlDelimitersAndNonAsciiCharactersReachesTheClientIntact() {
        String url = HostVariables.MASTER.url(new EnvironmentVariables(environment("REGION_CACHE_HOST", "127.0.0.1",
                "REGION_CACHE_PASSWORD", SECRET)), 0);

        RedisURI parsed = RedisUrls.parse(url);
        assertThat(parsed.getCredentialsProvider().resolveCredentials().block().getPassword()).isEqualTo(SECRET.toCharArray());
        assertThat(parsed.getHost()).isEqualTo("127.0.0.1");
        assertThat(RedisUrls.redact(url)).isEqualTo("redis://***@127.0.0.1:6379/0");
    }

    @Test
    void theUrlWinsOverHostAndFriendsAndSaysSoAtDebug() {
        try (CapturedLog log = new CapturedLog()) {
            EnvironmentSettings settings = read("REGION_CACHE_URL", "redis://127.0.0.1:6390/4", "REGION_CACHE_HOST", "other",
                    "REGION_CACHE_PASSWORD", SECRET);

            assertThat(settings).hasToString("EnvironmentSettings[redis://127.0.0.1:6390/4]");
            assertThat(log.lines("DEBUG")).singleElement().asString()
                    .contains("REGION_CACHE_URL is set, so REGION_CACHE_HOST, REGION_CACHE_PASSWORD are ignored");
            assertThat(log.text()).doesNotContain(SECRET);
        }
    }

    @Test
    void aMissingHostIsNeverAssumed() {
        assertThatThrownBy(() -> read("REGION_CACHE_PORT", "6380", "REGION_CACHE_PASSWORD", SECRET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("REGION_CACHE_PORT, REGION_CACHE_PASSWORD set, but not REGION_CACHE_HOST")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> read()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REGION_CACHE_URL is not set").hasMessageContaining("REGION_CACHE_HOST");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            REGION_CACHE_HOST           | redis://cache.example
            REGION_CACHE_HOST           | cache.example:6379
            REGION_CACHE_HOST           | a..b
            REGION_CACHE_HOST           | redis_1
            REGION_CACHE_PORT           | 0
            REGION_CACHE_PORT           | 65536
            REGION_CACHE_PORT           | six
            REGION_CACHE_DB             | -1
            REGION_CACHE_DB             | one
            REGION_CACHE_OP_TIMEOUT     | half
            REGION_CACHE_OP_TIMEOUT     | -1
            REGION_CACHE_OP_TIMEOUT     | 1e-12
            REGION_CACHE_OP_TIMEOUT_RAISE | yes
            REGION_CACHE_OP_TIMEOUT_RECONNECT | sometimes
            REGION_CACHE_RECONNECT_BACKOFF | soon
            REGION_CACHE_RECONNECT_BACKOFF | -2
            REGION_CACHE_RR_HOST        | replica/1
            REGION_CACHE_RR_PORT        | 99999
            """)
    void aBadValueIsRefusedNamingItsVariableAndNeverThePassword(String variable, String value) {
        Map<String, String> environment = environment("REGION_CACHE_HOST", "127.0.0.1", "REGION_CACHE_PASSWORD", SECRET,
                "REGION_CACHE_RR_HOST", "127.0.0.2", "REGION_CACHE_RR_PASSWORD", SECRET);
        environment.put(variable, value);

        try (CapturedLog log = new CapturedLog()) {
            assertThatThrownBy(() -> EnvironmentSettings.read(environment)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid " + variable + " '" + value + "': ").hasMessageNotContaining(SECRET);
            assertThat(log.text()).doesNotContain(SECRET);
        }
    }

    @Test
    void aBadReplicaUrlIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> read("REGION_CACHE_URL", URL, "REGION_CACHE_RR_URL", "redis://:" + SECRET + "@replica:port/0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid REGION_CACHE_RR_URL 'redis://***@")
                .hasMessageNotContaining("w/rd");
    }

    @ParameterizedTest
    @CsvSource({"0.5, PT0.5S", "2, PT2S", "0.001, PT0.001S", "1.25, PT1.25S"})
    void theOperationTimeoutIsInSecondsAndMayBeFractional(String seconds, String duration) {
        assertThat(read("REGION_CACHE_URL", URL, "REGION_CACHE_OP_TIMEOUT", seconds))
                .hasToString("EnvironmentSettings[redis://127.0.0.1:6379/0, commandTimeout=" + duration + "]");
    }

    @Test
    void anOperationTimeoutOfZeroIsPythonsNoTimeoutAndLeavesTheDefault() {
        try (CapturedLog log = new CapturedLog()) {
            assertThat(read("REGION_CACHE_URL", URL, "REGION_CACHE_OP_TIMEOUT", "0")).hasToString("EnvironmentSettings[redis://127.0.0.1:6379/0]");
            assertThat(read("REGION_CACHE_URL", URL, "REGION_CACHE_OP_TIMEOUT", "0", "REGION_CACHE_COMMAND_TIMEOUT", "PT3S"))
                    .as("no conflict: zero sets nothing").hasToString("EnvironmentSettings[redis://127.0.0.1:6379/0, commandTimeout=PT3S]");
            assertThat(log.lines("DEBUG")).hasSize(2).allSatisfy(line -> assertThat(line).contains("REGION_CACHE_OP_TIMEOUT=0 means no timeout"));
        }
    }

    @ParameterizedTest
    @CsvSource({"true, RAISE", "True, RAISE", "TRUE, RAISE", "1, RAISE", "false, DEGRADE", "False, DEGRADE", "0, DEGRADE"})
    void raiseOnTimeoutIsTheFailurePolicy(String flag, FailurePolicy policy) {
        assertThat(read("REGION_CACHE_URL", URL, "REGION_CACHE_OP_TIMEOUT_RAISE", flag))
                .hasToString("EnvironmentSettings[redis://127.0.0.1:6379/0, failurePolicy=" + policy + "]");
    }

    @Test
    void twoNamesForOneSettingMustAgree() {
        assertThatThrownBy(() -> read("REGION_CACHE_URL", URL, "REGION_CACHE_COMMAND_TIMEOUT", "PT3S", "REGION_CACHE_OP_TIMEOUT", "0.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("REGION_CACHE_COMMAND_TIMEOUT=PT3S (PT3S) and REGION_CACHE_OP_TIMEOUT=0.5 (PT0.5S) disagree: "
                        + "they are two names for one setting, set one of them");
        assertThatThrownBy(() -> read("REGION_CACHE_URL", URL, "REGION_CACHE_FAILURE_POLICY", "degrade", "REGION_CACHE_OP_TIMEOUT_RAISE", "True"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("REGION_CACHE_FAILURE_POLICY=degrade (DEGRADE) and REGION_CACHE_OP_TIMEOUT_RAISE=True (RAISE) disagree");

        assertThat(read("REGION_CACHE_URL", URL, "REGION_CACHE_COMMAND_TIMEOUT", "1500", "REGION_CACHE_OP_TIMEOUT", "1.5",
                "REGION_CACHE_FAILURE_POLICY", "RAISE", "REGION_CACHE_OP_TIMEOUT_RAISE", "1"))
                .as("the same value under both names is fine")
                .hasToString("EnvironmentSettings[redis://127.0.0.1:6379/0, commandTimeout=PT1.5S, failurePolicy=RAISE]");
    }

    @Test
    void theReconnectSettingsAreAcceptedAndChangeNothing() {
        try (CapturedLog log = new CapturedLog()) {
            EnvironmentSettings settings = read("REGION_CACHE_URL", URL, "REGION_CACHE_OP_TIMEOUT_RECONNECT", "True",
                    "REGION_CACHE_RECONNECT_BACKOFF", "0.25");

            assertThat(settings).hasToString("EnvironmentSettings[redis://127.0.0.1:6379/0]");
            assertThat(log.lines("DEBUG")).singleElement().asString().contains(
                    "REGION_CACHE_OP_TIMEOUT_RECONNECT, REGION_CACHE_RECONNECT_BACKOFF accepted for Python region_cache and not needed");
        }
    }

    @Test
    void aReplicaFromHostPortAndPasswordIsOnTheMastersDatabaseAndGoesToTheBuilder() {
        try (CapturedLog log = new CapturedLog()) {
            EnvironmentSettings settings = read("REGION_CACHE_URL", "redis://127.0.0.1:6379/5", "REGION_CACHE_RR_HOST", "replica",
                    "REGION_CACHE_RR_PORT", "6380", "REGION_CACHE_RR_PASSWORD", SECRET);

            assertThat(settings).hasToString("EnvironmentSettings[redis://127.0.0.1:6379/5, readReplica=redis://replica:6380/5]");
            RedisURI replica = RedisUrls.parse(settings.readReplicaUrl().orElseThrow());
            assertThat(replica.getCredentialsProvider().resolveCredentials().block().getPassword()).isEqualTo(SECRET.toCharArray());
            assertThat(log.lines("WARN")).isEmpty();
            assertThat(settings.applyTo(RegionCache.builder()).inMemory()).isNotNull();
            assertThat(log.text()).doesNotContain(SECRET);
        }
    }

    @Test
    void aReplicaUrlWinsOverReplicaHostAndSaysSo() {
        try (CapturedLog log = new CapturedLog()) {
            EnvironmentSettings settings = read("REGION_CACHE_URL", URL, "REGION_CACHE_RR_URL", "redis://:rr-secret@replica:6381/0",
                    "REGION_CACHE_RR_HOST", "ignored");

            assertThat(settings).hasToString("EnvironmentSettings[redis://127.0.0.1:6379/0, readReplica=redis://replica:6381/0]");
            assertThat(log.lines("DEBUG")).singleElement().asString()
                    .contains("REGION_CACHE_RR_URL is set, so REGION_CACHE_RR_HOST is ignored");
            assertThat(log.lines("WARN")).isEmpty();
            assertThat(log.text()).doesNotContain("rr-secret");
        }
        assertThatThrownBy(() -> read("REGION_CACHE_URL", URL, "REGION_CACHE_RR_PORT", "6380"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("REGION_CACHE_RR_PORT set, but not REGION_CACHE_RR_HOST");
    }

    @Test
    void readFromIsCheckedAndShown() {
        assertThat(read("REGION_CACHE_URL", "redis://127.0.0.1:7000,127.0.0.1:7001", "REGION_CACHE_READ_FROM", "replicaPreferred"))
                .hasToString("EnvironmentSettings[redis://127.0.0.1:7000,127.0.0.1:7001/0, readFrom=replicaPreferred]");
        assertThatThrownBy(() -> read("REGION_CACHE_URL", URL, "REGION_CACHE_READ_FROM", "slaves"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REGION_CACHE_READ_FROM")
                .hasMessageContaining("slaves").hasMessageContaining("replicaPreferred");
    }

    @Test
    void ourNamesKeepWorkingAndTheBuilderGetsEverySetting() {
        EnvironmentSettings settings = read("REGION_CACHE_URL", URL, "REGION_CACHE_ROOT", "app", "REGION_CACHE_KEY_PREFIX", "p:",
                "REGION_CACHE_COMMAND_TIMEOUT", "PT3S", "REGION_CACHE_FAILURE_POLICY", "raise",
                "REGION_CACHE_SERIAL_FILTER", "com.acme.**");

        assertThat(settings).hasToString("EnvironmentSettings[redis://127.0.0.1:6379/0, root=app, keyPrefix=p:, "
                + "commandTimeout=PT3S, failurePolicy=RAISE, serialFilter=com.acme.**]");
    }
}
