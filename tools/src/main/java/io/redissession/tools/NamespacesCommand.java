package io.redissession.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code redis-session namespaces}: the namespaces that have sessions, with their counts. */
@Command(name = "namespaces", mixinStandardHelpOptions = true,
        description = "The namespaces present, with their live session counts (SCAN of the expiry index keys).")
final class NamespacesCommand implements Callable<Integer> {

    @ParentCommand
    RedisSessionCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON: {\"namespace\": count, ...}.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Long> namespaces = Catalogs.with(cli, catalog -> catalog.namespaces());
        if (json) {
            Output.json(spec.commandLine().getOut(), namespaces);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        namespaces.forEach((name, count) -> rows.add(List.of(name, Long.toString(count))));
        Output.table(spec.commandLine().getOut(), List.of("NAMESPACE", "SESSIONS"), rows);
        return 0;
    }
}
