package io.redissession.tools;

import io.redissession.redis.SessionCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code redis-session list}: the sessions of a namespace, optionally of one user or idle for long. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "The sessions of a namespace, found with SCAN (never KEYS), or those of one user.")
final class ListCommand extends NamespaceCommand implements Callable<Integer> {

    @Option(names = "--user", description = "Only this user's sessions (from the user's index).")
    String user;

    @Option(names = "--older-than", description = "Only sessions not used for this long (ISO-8601, such as PT30M).")
    Duration olderThan;

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "Print JSON: an array of sessions.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        long idleSince = olderThan == null ? Long.MAX_VALUE : System.currentTimeMillis() - olderThan.toMillis();
        List<SessionCatalog.Summary> found = Catalogs.with(cli, catalog -> catalog.list(namespace, user,
                olderThan == null ? limit : Integer.MAX_VALUE)).stream()
                .filter(session -> session.lastAccessed() <= idleSince)
                .limit(limit)
                .toList();
        if (json) {
            Output.json(out(), found);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (SessionCatalog.Summary session : found) {
            rows.add(List.of(session.id(), session.user() == null ? "-" : session.user(),
                    Output.time(session.created()), Output.time(session.lastAccessed()),
                    session.maxInactiveInterval() <= 0 ? "never" : session.maxInactiveInterval() + "s"));
        }
        Output.table(out(), List.of("ID", "USER", "CREATED", "LAST ACCESSED", "TIMEOUT"), rows);
        return 0;
    }
}
