package io.regioncache.testsupport;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Private Redis server processes (a cluster, a master with its replica, or a Sentinel setup) that
 * every test of a class shares: started once before the class's {@code @BeforeAll} methods and
 * closed after its {@code @AfterAll} ones, whatever the tests did. Register it on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final RedisProcessesPerClass<RedisClusterProcesses> cluster = RedisProcessesPerClass.cluster();
 *
 * ... cluster.get().seedsUrl() ...
 * }</pre>
 * A {@code @Nested} class shares its enclosing class's processes.
 *
 * @param <T> the fixture the tests use
 */
public final class RedisProcessesPerClass<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<T> start;
    private T processes;
    /** The class that started the processes, the one whose end closes them. */
    private String startedBy;

    private RedisProcessesPerClass(Supplier<T> start) {
        this.start = start;
    }

    /** A cluster of three masters without replicas ({@link RedisClusterProcesses#start()}). */
    public static RedisProcessesPerClass<RedisClusterProcesses> cluster() {
        return new RedisProcessesPerClass<>(RedisClusterProcesses::start);
    }

    /** A cluster as {@link RedisClusterProcesses#start(int, int)} builds it. */
    public static RedisProcessesPerClass<RedisClusterProcesses> cluster(int masters, int replicasPerMaster) {
        return new RedisProcessesPerClass<>(() -> RedisClusterProcesses.start(masters, replicasPerMaster));
    }

    public static RedisProcessesPerClass<RedisMasterReplicaProcesses> masterReplica() {
        return new RedisProcessesPerClass<>(RedisMasterReplicaProcesses::start);
    }

    public static RedisProcessesPerClass<RedisSentinelProcesses> sentinel() {
        return new RedisProcessesPerClass<>(RedisSentinelProcesses::start);
    }

    /**
     * The running processes.
     *
     * @throws IllegalStateException outside the class's run, as when the field is not static
     *                               (JUnit then calls no class-level callback)
     */
    public T get() {
        if (processes == null) {
            throw new IllegalStateException("The Redis processes run only while the test class that registers this "
                    + "extension runs: register it with @RegisterExtension on a static field");
        }
        return processes;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (processes == null) {
            processes = start.get();
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getUniqueId().equals(startedBy)) {
            T started = processes;
            processes = null;
            startedBy = null;
            started.close();
        }
    }
}
