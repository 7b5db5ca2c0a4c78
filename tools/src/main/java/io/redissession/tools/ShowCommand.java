package io.redissession.tools;

import io.redissession.redis.SessionCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code redis-session show}: one session's metadata and each attribute's type and size; values only with
 * {@code --values}, since they may hold personal data.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "One session: its metadata and each attribute with its type and serialized size; with --values,"
                + " the values too, decoded with the filter's serializer and the classes on --classpath.")
final class ShowCommand extends NamespaceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The session id (the value of the session cookie).")
    String id;

    @Option(names = "--values", description = "Print the values (they may hold personal data).")
    boolean values;

    @Mixin
    ValueOptions decoding;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /** What {@code --json} prints. */
    record Shown(SessionCatalog.Summary session, long bytes, Map<String, String> otherFields,
            Map<String, StoredValues.Value> attributes) {
    }

    @Override
    public Integer call() {
        StoredValues reader = decoding.reader(values);
        Shown shown = Catalogs.with(cli, catalog -> {
            SessionCatalog.Detail detail = catalog.show(namespace, id);
            if (detail == null) {
                return null;
            }
            Map<String, StoredValues.Value> attributes = new LinkedHashMap<>();
            catalog.values(namespace, id).forEach((name, stored) -> attributes.put(name, reader.read(stored)));
            return new Shown(detail.summary(), detail.bytes(), detail.otherFields(), attributes);
        });
        PrintWriter out = out();
        if (shown == null) {
            err().println("redis-session: no session [" + id + "] in namespace " + namespace);
            return RedisSessionCli.NOT_FOUND;
        }
        if (json) {
            Output.json(out, shown);
            return 0;
        }
        SessionCatalog.Summary summary = shown.session();
        Output.table(out, List.of("FIELD", "VALUE"), List.of(
                List.of("id", summary.id()),
                List.of("user", summary.user() == null ? "-" : summary.user()),
                List.of("created", Output.time(summary.created())),
                List.of("lastAccessed", Output.time(summary.lastAccessed())),
                List.of("maxInactiveInterval", summary.maxInactiveInterval() <= 0 ? "never"
                        : summary.maxInactiveInterval() + "s"),
                List.of("bytes", Long.toString(shown.bytes())),
                List.of("memoryUsage", Long.toString(summary.memoryBytes()))));
        shown.otherFields().forEach((name, value) -> out.println(name + ": " + value));
        out.println();
        List<List<String>> rows = new ArrayList<>();
        shown.attributes().forEach((name, value) -> {
            List<String> row = new ArrayList<>(List.of(name, value.type(), Integer.toString(value.bytes())));
            if (values) {
                String text = value.problem() == null ? value.value() : (value.value() != null ? value.value() + " "
                        : "") + "(not decoded: " + value.problem() + ")";
                row.add(text.replaceAll("\\R", " "));
            }
            rows.add(row);
        });
        Output.table(out, values ? List.of("ATTRIBUTE", "TYPE", "BYTES", "VALUE")
                : List.of("ATTRIBUTE", "TYPE", "BYTES"), rows);
        return 0;
    }
}
