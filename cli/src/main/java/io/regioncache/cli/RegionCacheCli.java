package io.regioncache.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code region-cache} command: sees and operates the region tree a {@code RegionCache} keeps
 * in Redis. Exit codes: 0 success, 1 bad usage or input, 2 Redis unreachable or credentials
 * refused.
 */
@Command(name = "region-cache", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        description = "Sees and operates the region tree that region-cache keeps in Redis.",
        subcommands = {TreeCommand.class, KeysCommand.class, GetCommand.class, TtlCommand.class, PurgeCommand.class,
                StatsCommand.class, WatchCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:bad usage or input", "2:Redis unreachable or credentials refused"})
public final class RegionCacheCli implements Callable<Integer> {

    static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    static final String URL_VARIABLE = "REGION_CACHE_URL";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    // The options are inherited so that they are accepted before or after the command; picocli
    // sets these fields wherever the user gave them.
    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "redis://[user:password@]host:port[/db], rediss://..., cluster seeds "
                    + "redis://host1:port1,host2:port2 (or any one node of the cluster) or "
                    + "redis-sentinel://[:password@]host:port[/db]#master; default: $REGION_CACHE_URL, else " + DEFAULT_URL)
    private String url;

    @Option(names = "--prefix", scope = ScopeType.INHERIT, paramLabel = "PREFIX", defaultValue = "",
            description = "The key prefix the cache uses (its keyPrefix); default: none")
    private String prefix;

    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "NAME", defaultValue = "root",
            description = "The root region's name; default: ${DEFAULT-VALUE}")
    private String root;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print data as JSON, for scripts")
    private boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace (passwords are still hidden) and the client's warnings")
    private boolean verbose;

    private RedisSession session;

    private RegionCacheCli() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line, printing to {@code out} and {@code err}, and returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        // Before anything logs: Lettuce and Netty would otherwise print their warnings, which the
        // one-line error already covers.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "warn" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        RegionCacheCli cli = new RegionCacheCli();
        Failures failures = new Failures(Secrets.fromArguments(args, System.getenv(URL_VARIABLE)), verbose);
        CommandLine commandLine = new CommandLine(cli)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(failures::usage)
                .setExecutionExceptionHandler(failures::execution);
        try {
            return commandLine.execute(args);
        } finally {
            cli.closeSession();
        }
    }

    /** Without a command there is nothing to do: say what the commands are. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** The connection to Redis, opened on first use and closed when the command line returns. */
    RedisSession session() {
        if (session == null) {
            session = RedisSession.open(url());
        }
        return session;
    }

    /**
     * How the commands' REGION arguments become full names and keys; checks {@code --root} without
     * I/O, and connects only when the first key is built (whose layout depends on the topology).
     */
    RegionLayout layout() {
        return new RegionLayout(root, prefix, () -> session().cluster());
    }

    boolean json() {
        return json;
    }

    private String url() {
        if (url != null) {
            return url;
        }
        String fromEnvironment = System.getenv(URL_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULT_URL : fromEnvironment.trim();
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
