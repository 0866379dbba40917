package io.regioncache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code region-cache.jar}, run as a separate process the way a user runs it. Output
 * goes to files, so that a large tree cannot fill a pipe and stall the process.
 */
final class CliProcess {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of(System.getProperty("region-cache.cli.jar", "target/region-cache.jar"));
    /** The launcher next to the module's pom; failsafe runs the tests in the module's directory. */
    private static final Path WRAPPER = Path.of("region-cache");

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** What a finished run printed and returned. */
    record Result(int exitCode, String out, String err) {

        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out, e);
            }
        }

        Result assertSuccess() {
            assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
            return this;
        }
    }

    /** Runs the CLI to its end, without REGION_CACHE_URL in its environment. */
    static Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs the CLI to its end with these environment variables (and no other REGION_CACHE_URL). */
    static Result run(Map<String, String> environment, String... args) {
        return start(environment, javaCommand(), args).awaitExit();
    }

    /** Runs the CLI through its wrapper script, {@code cli/region-cache}. */
    static Result runWrapper(String... args) {
        return start(Map.of(), List.of("sh", WRAPPER.toString()), args).awaitExit();
    }

    /** Starts the CLI (for {@code watch}), without REGION_CACHE_URL in its environment. */
    static CliProcess start(String... args) {
        return start(Map.of(), javaCommand(), args);
    }

    private static List<String> javaCommand() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " does not exist: these tests run the packaged jar, "
                    + "so run them after the package phase (./mvnw -pl cli -am verify)");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
    }

    private static CliProcess start(Map<String, String> environment, List<String> launcher, String... args) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(args));
        try {
            Path stdout = Files.createTempFile("region-cache-cli", ".out");
            Path stderr = Files.createTempFile("region-cache-cli", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().remove(RegionCacheCli.URL_VARIABLE);
            builder.environment().putAll(environment);
            return new CliProcess(builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the process printed on stderr so far. */
    String errSoFar() {
        return read(stderr);
    }

    long pid() {
        return process.pid();
    }

    /** Waits (at most two minutes) for the process to end, then deletes its output files. */
    Result awaitExit() {
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("The CLI did not finish within 2 minutes; stderr: " + errSoFar());
            }
            return new Result(process.exitValue(), read(stdout), read(stderr));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        } finally {
            process.destroyForcibly();
            delete(stdout);
            delete(stderr);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
