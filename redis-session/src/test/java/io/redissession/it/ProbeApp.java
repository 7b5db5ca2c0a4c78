package io.redissession.it;

import io.redissession.servlet.RedisSessionFilter;
import io.redissession.testkit.Browser;
import io.redissession.testkit.MonitoredCommand;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.ServletContainers;
import io.redissession.testkit.WebAppSpec;

import java.util.EventListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the probe web application with the session filter, and reads its answers. */
final class ProbeApp {

    private ProbeApp() {
    }

    static WebAppSpec spec(String contextPath, RedisServer redis, Map<String, String> extraParams) {
        return spec(contextPath, redis.uri(), extraParams);
    }

    static WebAppSpec spec(String contextPath, String redisUri, Map<String, String> extraParams,
            EventListener... listeners) {
        return builder(contextPath, redisUri, extraParams, listeners).build();
    }

    /** @return the builder of {@link #spec}, for apps that need more */
    static WebAppSpec.Builder builder(String contextPath, String redisUri, Map<String, String> extraParams,
            EventListener... listeners) {
        Map<String, String> params = new HashMap<>();
        params.put("redisUri", redisUri);
        params.putAll(extraParams);
        WebAppSpec.Builder builder = WebAppSpec.builder()
                .contextPath(contextPath)
                .filter("redisSession", RedisSessionFilter.class, params)
                .servlet("probe", new ProbeServlet(), "/probe/*")
                .errorPage(IllegalStateException.class, "/probe/info");
        for (EventListener listener : listeners) {
            builder.listener(listener);
        }
        return builder;
    }

    /** @return one started container of each kind, all hosting {@code apps} */
    static List<ServletContainer> startAll(WebAppSpec... apps) {
        List<ServletContainer> containers = ServletContainers.all(apps);
        containers.forEach(ServletContainer::start);
        return containers;
    }

    static ServletContainer start(String kind, WebAppSpec... apps) {
        ServletContainer container = ServletContainers.create(kind, 0, apps);
        container.start();
        return container;
    }

    /** @return the Redis key of a session, as docs/data-layout.md describes it */
    static String sessionKey(String namespace, String id) {
        return "redis-session:" + namespace + ":session:{" + id.substring(0, 4) + "}" + id.substring(4);
    }

    /**
     * @param commands commands seen by MONITOR
     * @return the names of those that requests sent, without the background work of the filters (expiry sweeps
     *         and claims, the notice subscription, Cluster topology refreshes, health checks, sentinels' hellos)
     */
    static List<String> requestCommands(List<MonitoredCommand> commands) {
        return commands.stream().filter(command -> !isBackground(command)).map(MonitoredCommand::name).toList();
    }

    private static boolean isBackground(MonitoredCommand command) {
        return switch (command.name()) {
            case "ZRANGEBYSCORE", "SUBSCRIBE", "CLUSTER", "CLIENT", "INFO", "PING", "HELLO", "COMMAND" -> true;
            case "PUBLISH" -> command.arg(0).startsWith("__sentinel__:");
            // the activity log's periodic flush (ActivityLog), whichever request it happens to fall beside
            case "HINCRBY", "EXPIRE" -> command.arg(0).contains(":activity:");
            case "EVALSHA" -> command.arg(0).equals(CLAIM_SHA)
                    || command.args().get(command.args().size() - 1).equals("expired");
            default -> false;
        };
    }

    private static final String CLAIM_SHA = sha1("/io/redissession/redis/claim-expired.lua");

    private static String sha1(String resource) {
        try (var in = ProbeApp.class.getResourceAsStream(resource)) {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(in.readAllBytes()));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    static Map<String, String> parse(Browser.Response response) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : response.body().split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    static void closeAll(List<? extends AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }
}
