package io.redissession.it;

import io.redissession.testkit.RedisTestConnection;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What a Redis node says about the filters' connections to it and the scripts they ran there. */
final class RedisClients {

    private RedisClients() {
    }

    /** @return the {@code CLIENT LIST} lines of the filters' connections, the subscribers' included */
    static List<String> filterClients(RedisTestConnection admin) {
        return Arrays.stream(admin.string("CLIENT", "LIST").split("\n"))
                .filter(line -> line.contains(" name=redis-session ")).toList();
    }

    /** @return how many scripts ({@code EVALSHA} and {@code EVAL}) the node ran since it started */
    static long scriptCalls(RedisTestConnection admin) {
        Map<String, String> stats = admin.info("commandstats");
        return calls(stats.get("cmdstat_evalsha")) + calls(stats.get("cmdstat_eval"));
    }

    /** @return the calls of one {@code cmdstat_*} line of {@code INFO commandstats}, 0 if absent */
    static long calls(String stat) {
        if (stat == null) {
            return 0;
        }
        String calls = stat.split(",")[0];
        return Long.parseLong(calls.substring(calls.indexOf('=') + 1));
    }
}
