package io.regioncache.cli;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into an exit code and one line on stderr: 1 for bad usage or input, 2 when Redis
 * cannot be reached or refuses the credentials. The stack trace only with {@code --verbose}; never
 * a password.
 */
final class Failures {

    static final int BAD_INPUT = 1;
    static final int REDIS_UNAVAILABLE = 2;

    private final Secrets secrets;
    private final boolean verbose;

    Failures(Secrets secrets, boolean verbose) {
        this.secrets = secrets;
        this.verbose = verbose;
    }

    /** A command line picocli cannot parse, or no command at all: the message, then the usage. */
    int usage(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("region-cache: " + secrets.hide(e.getMessage()));
        UnmatchedArgumentException.printSuggestions(e, err);
        commandLine.usage(err);
        return BAD_INPUT;
    }

    /** A command that failed while running. */
    int execution(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("region-cache: " + secrets.hide(oneLine(describe(e))));
        if (verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(secrets.hide(trace.toString()));
        }
        err.flush();
        return exitCode(e);
    }

    private static int exitCode(Exception e) {
        if (e instanceof RedisCommandExecutionException) {
            // A key of another type where a region should be is the input's fault; anything else
            // Redis refuses (NOAUTH, NOPERM, a disabled command) is the server's answer.
            return String.valueOf(e.getMessage()).startsWith("WRONGTYPE") ? BAD_INPUT : REDIS_UNAVAILABLE;
        }
        return e instanceof RedisUnavailableException || e instanceof RedisException ? REDIS_UNAVAILABLE : BAD_INPUT;
    }

    /** The message, and the innermost cause's when it says something more (Lettuce's "Connection refused"). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String rootMessage = root.getMessage();
        return root == e || rootMessage == null || message.contains(rootMessage) ? message : message + ": " + rootMessage;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
