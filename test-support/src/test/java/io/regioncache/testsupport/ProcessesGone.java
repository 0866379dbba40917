package io.regioncache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a closed fixture must leave behind: none of its processes, none of its directories. */
final class ProcessesGone {

    private final List<Long> pids;
    private final List<Path> dirs;

    private ProcessesGone(List<Long> pids, List<Path> dirs) {
        this.pids = pids;
        this.dirs = dirs;
    }

    /** Notes the PIDs and directories of {@code servers}, which must all be running now. */
    static ProcessesGone of(List<RedisServerProcess> servers) {
        return new ProcessesGone(servers.stream().map(RedisServerProcess::pid).toList(),
                servers.stream().map(RedisServerProcess::dir).toList());
    }

    void assertGone() {
        for (long pid : pids) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            assertThat(process.map(ProcessHandle::isAlive)).as("process %s", pid).isNotEqualTo(Optional.of(true));
        }
        assertThat(dirs).allSatisfy(dir -> assertThat(Files.exists(dir)).as("%s exists", dir).isFalse());
    }
}
