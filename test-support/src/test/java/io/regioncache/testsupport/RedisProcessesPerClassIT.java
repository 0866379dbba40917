package io.regioncache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The per-class extension, around a test class of its own run through the JUnit launcher, so that
 * what is left after that class ends can be checked.
 */
class RedisProcessesPerClassIT {

    @Test
    void oneSetOfProcessesServesAClassAndItsNestedClassesAndIsClosedAfterTheClass() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SharingTests.class)).build(),
                listener);

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getFailures()).as("failures of the class run").isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        assertThat(SharingTests.seen).hasSize(4).allSatisfy(servers -> assertThat(servers).isSameAs(SharingTests.seen.get(0)));
        SharingTests.gone.assertGone();
        assertThatThrownBy(SharingTests.servers::get).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("static field");
    }

    /** Run only by the test above: failsafe leaves nested classes out. */
    static class SharingTests {

        @RegisterExtension
        static final RedisProcessesPerClass<RedisMasterReplicaProcesses> servers = RedisProcessesPerClass.masterReplica();

        static final List<RedisMasterReplicaProcesses> seen = new ArrayList<>();
        static ProcessesGone gone;

        @BeforeAll
        static void running() {
            seen.add(servers.get());
            gone = ProcessesGone.of(List.of(servers.get().master(), servers.get().replica()));
        }

        @Test
        void one() {
            seen.add(servers.get());
        }

        @Test
        void two() {
            seen.add(servers.get());
        }

        @Nested
        class Inner {
            @Test
            void sharesTheEnclosingClasssProcesses() {
                seen.add(servers.get());
            }
        }

        @AfterAll
        static void stillRunningAfterTheNestedClass() {
            assertThat(servers.get().master().<String>withCommands(redis -> redis.ping())).isEqualTo("PONG");
        }
    }
}
