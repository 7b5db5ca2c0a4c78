package io.redissession.tools;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** What every command on one namespace shares: the tool's options, its output streams and {@code -n}. */
abstract class NamespaceCommand {

    @ParentCommand
    RedisSessionCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--namespace"}, required = true, description = "The sessionNamespace.")
    String namespace;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
