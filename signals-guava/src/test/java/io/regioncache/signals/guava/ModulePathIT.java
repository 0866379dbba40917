package io.regioncache.signals.guava;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.eventbus.DeadEvent;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import com.google.common.util.concurrent.internal.InternalFutureFailureAccess;
import io.regioncache.signals.Subscription;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With Guava on the module path its internals are closed: binding must then fail with the advice
 * in its message, and that advice must work. Each case runs {@link #main} in a fresh JVM.
 */
class ModulePathIT {

    private static final String OPENS = "com.google.common/com.google.common.eventbus=ALL-UNNAMED";

    @Test
    void withoutOpensBindingFailsAndSaysWhatToAdd() throws Exception {
        String output = runWithGuavaOnTheModulePath();

        assertThat(output).contains("IllegalStateException",
                "--add-opens com.google.common/com.google.common.eventbus=", "ALL-UNNAMED");
        assertThat(output).doesNotContain("signal fired");
    }

    @Test
    void withTheAdvisedOpensSignalsAndDeadEventsWork() throws Exception {
        String output = runWithGuavaOnTheModulePath("--add-opens", OPENS);

        assertThat(output).contains("signal fired: unhandled", "dead event: unhandled");
    }

    /** Binds a signal on a bus whose only subscriber watches dead events, and posts one event. */
    public static void main(String[] args) {
        EventBus bus = new EventBus();
        bus.register(new Object() {
            @Subscribe
            public void onDead(DeadEvent event) {
                System.out.println("dead event: " + event.getEvent());
            }
        });
        try (Subscription ignored = GuavaSignals.on(bus, String.class)
                .subscribe(event -> System.out.println("signal fired: " + event.payload()))) {
            bus.post("unhandled");
        } catch (IllegalStateException e) {
            System.out.println("IllegalStateException: " + e.getMessage());
        }
    }

    private static String runWithGuavaOnTheModulePath(String... jvmOptions) throws Exception {
        String guava = jarOf(EventBus.class);
        String failureAccess = jarOf(InternalFutureFailureAccess.class);
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.equals(guava) && !entry.equals(failureAccess))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--module-path", guava + File.pathSeparator + failureAccess, "--add-modules", "com.google.common"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classPath, ModulePathIT.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(process.exitValue()).as("exit status of a child JVM that printed:%n%s", output).isZero();
        return output;
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
