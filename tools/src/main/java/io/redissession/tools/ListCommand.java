package io.redissession.tools;

import io.redissession.redis.SessionCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code redis-session list}: the sessions of a namespace, optionally of one user, idle for long or big. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "The sessions of a namespace, found with SCAN (never KEYS) in pages of 500, or those of one"
                + " user. Stops scanning once --limit sessions matched.")
final class ListCommand extends NamespaceCommand implements Callable<Integer> {

    @Option(names = "--user", description = "Only this user's sessions (from the user's index).")
    String user;

    @Option(names = "--older-than", description = "Only sessions not used for this long (ISO-8601, such as PT30M).")
    Duration olderThan;

    @Option(names = "--larger-than", converter = ByteSize.class, description = "Only sessions whose hash costs"
            + " Redis at least this much (MEMORY USAGE): bytes, or with k, KiB, M, MiB.")
    Long largerThan;

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "Print JSON: an array of sessions.")
    boolean json;

    @Override
    public Integer call() {
        long idleSince = olderThan == null ? Long.MAX_VALUE : System.currentTimeMillis() - olderThan.toMillis();
        SessionCatalog.Query query = new SessionCatalog.Query(user, idleSince, largerThan == null ? 0 : largerThan,
                limit);
        List<SessionCatalog.Summary> found = Catalogs.with(cli, catalog -> catalog.list(namespace, query));
        if (json) {
            Output.json(out(), found);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (SessionCatalog.Summary session : found) {
            rows.add(List.of(session.id(), session.user() == null ? "-" : session.user(),
                    Output.time(session.created()), Output.time(session.lastAccessed()),
                    session.maxInactiveInterval() <= 0 ? "never" : session.maxInactiveInterval() + "s",
                    Long.toString(session.memoryBytes())));
        }
        Output.table(out(), List.of("ID", "USER", "CREATED", "LAST ACCESSED", "TIMEOUT", "BYTES"), rows);
        return 0;
    }
}
