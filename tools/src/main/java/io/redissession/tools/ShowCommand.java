package io.redissession.tools;

import io.redissession.redis.SessionCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code redis-session show}: one session's metadata and each attribute's size. Values are never printed. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "One session: its metadata and each attribute with its serialized size.")
final class ShowCommand extends NamespaceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The session id (the value of the session cookie).")
    String id;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        SessionCatalog.Detail detail = Catalogs.with(cli, catalog -> catalog.show(namespace, id));
        PrintWriter out = out();
        if (detail == null) {
            err().println("redis-session: no session [" + id + "] in namespace " + namespace);
            return RedisSessionCli.NOT_FOUND;
        }
        if (json) {
            Output.json(out, detail);
            return 0;
        }
        SessionCatalog.Summary summary = detail.summary();
        Output.table(out, List.of("FIELD", "VALUE"), List.of(
                List.of("id", summary.id()),
                List.of("user", summary.user() == null ? "-" : summary.user()),
                List.of("created", Output.time(summary.created())),
                List.of("lastAccessed", Output.time(summary.lastAccessed())),
                List.of("maxInactiveInterval", summary.maxInactiveInterval() <= 0 ? "never"
                        : summary.maxInactiveInterval() + "s"),
                List.of("bytes", Long.toString(detail.bytes()))));
        detail.otherFields().forEach((name, value) -> out.println(name + ": " + value));
        out.println();
        List<List<String>> rows = new ArrayList<>();
        detail.attributeBytes().forEach((name, size) -> rows.add(List.of(name, Integer.toString(size))));
        Output.table(out, List.of("ATTRIBUTE", "BYTES"), rows);
        return 0;
    }
}
