package io.regioncache.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command has: the top command's options and session, and its output streams. */
abstract class CliCommand implements Callable<Integer> {

    static final String REGION_HELP = "Full name (root.users), or a name under the root (users)";

    @ParentCommand
    private RegionCacheCli cli;

    @Spec
    private CommandSpec spec;

    RegionCacheCli cli() {
        return cli;
    }

    CommandSpec spec() {
        return spec;
    }

    /** Data goes here. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress and notes go here, so that stdout stays the data. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    RegionLayout layout() {
        return cli.layout();
    }

    RedisSession session() {
        return cli.session();
    }

    boolean json() {
        return cli.json();
    }
}
