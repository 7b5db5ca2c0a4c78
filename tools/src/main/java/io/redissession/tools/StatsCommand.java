package io.redissession.tools;

import io.redissession.redis.SessionCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code redis-session stats}: how many sessions a namespace has, how big they are, and whether expiry keeps up. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Active sessions, expiry index health, session sizes and the attributes that weigh most.")
final class StatsCommand extends NamespaceCommand implements Callable<Integer> {

    @Option(names = "--sample", defaultValue = "1000",
            description = "Measure sizes on at most this many sessions. Default: ${DEFAULT-VALUE}.")
    int sample;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (sample < 0) {
            throw new IllegalArgumentException("--sample must not be negative");
        }
        SessionCatalog.Stats stats = Catalogs.with(cli, catalog -> catalog.stats(namespace, sample));
        PrintWriter out = out();
        if (json) {
            Output.json(out, stats);
            return 0;
        }
        Output.table(out, List.of("FIGURE", "VALUE"), List.of(
                List.of("sessions", Long.toString(stats.sessions())),
                List.of("never expiring", Long.toString(stats.neverExpiring())),
                List.of("overdue > 5 s (sweep lagging or no node running)", Long.toString(stats.overdue())),
                List.of("sampled", Integer.toString(stats.sampled())),
                List.of("bytes p50 / p90 / p99 / max", stats.bytesP50() + " / " + stats.bytesP90() + " / "
                        + stats.bytesP99() + " / " + stats.bytesMax())));
        out.println();
        List<List<String>> rows = new ArrayList<>();
        stats.attributeBytes().forEach((name, bytes) -> rows.add(List.of(name, Long.toString(bytes))));
        Output.table(out, List.of("ATTRIBUTE", "BYTES IN SAMPLE"), rows);
        out.println();
        List<List<String>> sizes = new ArrayList<>();
        stats.sizeDistribution().forEach(bucket -> sizes.add(List.of(Output.sizeRange(bucket.upTo()),
                Long.toString(bucket.sessions()))));
        Output.table(out, List.of("SIZE", "SESSIONS IN SAMPLE"), sizes);
        return 0;
    }
}
