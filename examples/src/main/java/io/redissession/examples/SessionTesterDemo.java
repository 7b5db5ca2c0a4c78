package io.redissession.examples;

import io.redissession.config.RedisEndpoint;
import io.redissession.config.SettingSource;
import io.redissession.servlet.RedisSessionFilter;
import io.redissession.testkit.JettyContainer;
import io.redissession.testkit.RedisServer;
import io.redissession.testkit.ServletContainer;
import io.redissession.testkit.TomcatContainer;
import io.redissession.testkit.UndertowContainer;
import io.redissession.testkit.WebAppSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The session tester demo: two web apps, {@code /session1} and {@code /session2}, each with the
 * {@link RedisSessionFilter} (namespace {@value #NAMESPACE}, so they share their sessions) and the
 * {@link SessionTesterServlet}, on Tomcat, Jetty and Undertow, on three ports of {@code 127.0.0.1}. One browser
 * therefore sees one session and one counter on all six pages.
 *
 * <p>From the command line ({@code ./demo.sh} or {@code java -jar session-tester.jar}): the ports come from the
 * arguments ({@code 9081 9082 9083} or {@code 9081,9082,9083}), else from the environment variable
 * {@value #PORTS_VARIABLE}, else are {@code 8081,8082,8083}. Redis is the one named by the system property
 * {@code redis-session.redisUri}, else the environment variable {@code REDIS_SESSION_REDIS_URI} (the filter's own
 * settings, which win over its init-params anyway), else {@value #REDIS_URI_VARIABLE}; without any, a local
 * {@code redis-server} is started for the lifetime of the demo.
 */
public final class SessionTesterDemo implements AutoCloseable {

    /** The session namespace of both web apps. */
    public static final String NAMESPACE = "session-tester";

    /** The context paths of the two web apps. */
    public static final List<String> APPS = List.of("/session1", "/session2");

    /** The container names, in the order of the ports. */
    public static final List<String> CONTAINERS = List.of("Tomcat", "Jetty", "Undertow");

    /** The ports used when none are given. */
    public static final List<Integer> DEFAULT_PORTS = List.of(8081, 8082, 8083);

    /** Environment variable with the three ports, such as {@code 8081,8082,8083}. */
    public static final String PORTS_VARIABLE = "DEMO_PORTS";

    /** Environment variable with the Redis URI, such as {@code redis://127.0.0.1:6379}. */
    public static final String REDIS_URI_VARIABLE = "REDIS_URI";

    private static final String REDIS_URI_SETTING = "redisUri";
    private static final String HOST = "127.0.0.1";
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_FAILURE = 1;

    /* Loggers whose start-up messages would bury the URLs; strong references, as java.util.logging forgets the
       level of a logger that is collected. */
    private static final Logger FILTER_LOGGER = Logger.getLogger("io.redissession");
    private static final Logger TOMCAT_ID_LOGGER = Logger.getLogger("org.apache.catalina.util.SessionIdGeneratorBase");

    private final List<ServletContainer> containers;
    private final RedisServer ownRedis;
    private final String redisUri;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** A Redis URI given to the launcher, and where it came from, for messages. */
    record RedisChoice(String uri, String source) {
    }

    /** A port of the demo is taken by another process. */
    public static final class PortInUseException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final int port;

        PortInUseException(int port, String container, Throwable cause) {
            super("Port " + port + " (for " + container + ") is already in use on " + HOST, cause);
            this.port = port;
        }

        /** Returns the port that is taken. */
        public int port() {
            return port;
        }
    }

    private SessionTesterDemo(List<ServletContainer> containers, RedisServer ownRedis, String redisUri) {
        this.containers = containers;
        this.ownRedis = ownRedis;
        this.redisUri = redisUri;
    }

    /**
     * Starts the demo: a local Redis if none is given, then Tomcat, Jetty and Undertow with both web apps. If
     * anything fails, whatever was started is stopped again.
     *
     * @param redisUri the Redis of the sessions, or {@code null} to start a local {@code redis-server}
     * @param requestedPorts three distinct ports for Tomcat, Jetty and Undertow, in that order; not {@code null}
     * @return the running demo; {@link #close()} stops it
     * @throws IllegalArgumentException if the ports are not three distinct numbers from 1 to 65535
     * @throws io.redissession.config.InvalidSettingException if {@code redisUri} is malformed
     * @throws PortInUseException if one of the ports is taken
     * @throws IllegalStateException if Redis or a container fails to start
     */
    public static SessionTesterDemo start(String redisUri, int[] requestedPorts) {
        checkPorts(requestedPorts);
        int[] ports = requestedPorts.clone();
        if (redisUri != null) {
            RedisEndpoint.parse(redisUri);
        }
        for (int i = 0; i < ports.length; i++) {
            if (!isFree(ports[i])) {
                throw new PortInUseException(ports[i], CONTAINERS.get(i), null);
            }
        }
        RedisServer ownRedis = redisUri == null ? RedisServer.start() : null;
        String uri = ownRedis != null ? ownRedis.uri() : redisUri;
        WebAppSpec[] apps = APPS.stream().map(app -> app(app, uri, ports)).toArray(WebAppSpec[]::new);
        List<ServletContainer> containers = List.of(
                new TomcatContainer(ports[0], apps), new JettyContainer(ports[1], apps), new UndertowContainer(ports[2], apps));
        SessionTesterDemo demo = new SessionTesterDemo(containers, ownRedis, uri);
        for (int i = 0; i < containers.size(); i++) {
            try {
                containers.get(i).start();
            } catch (RuntimeException e) {
                demo.close();
                throw isBindFailure(e) ? new PortInUseException(ports[i], CONTAINERS.get(i), e) : e;
            }
        }
        return demo;
    }

    /** Returns the URI of the Redis the sessions are kept in. */
    public String redisUri() {
        return redisUri;
    }

    /** Returns whether the demo started its own {@code redis-server}, which {@link #close()} stops. */
    public boolean ownsRedis() {
        return ownRedis != null;
    }

    /**
     * Returns the six page URLs: for each container in the order of {@link #CONTAINERS}, each app of {@link #APPS}.
     *
     * @return the URLs, such as {@code http://127.0.0.1:8081/session1/}
     */
    public List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (ServletContainer container : containers) {
            APPS.forEach(app -> urls.add(container.baseUrl() + app + "/"));
        }
        return urls;
    }

    /**
     * Returns the page URL of one app on one container.
     *
     * @param container an index in {@link #CONTAINERS}: 0 Tomcat, 1 Jetty, 2 Undertow
     * @param app a context path of {@link #APPS}; not {@code null}
     * @return the URL, such as {@code http://127.0.0.1:8081/session1/}
     */
    public String url(int container, String app) {
        return containers.get(container).baseUrl() + app + "/";
    }

    /**
     * Waits until {@link #close()} has run.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops the containers, then the {@code redis-server} the demo started, if any; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        List<ServletContainer> reversed = new ArrayList<>(containers);
        Collections.reverse(reversed);
        for (ServletContainer container : reversed) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                System.err.println("Could not stop " + container.name() + " cleanly: " + e.getMessage());
            }
        }
        if (ownRedis != null) {
            ownRedis.close();
        }
        closed.countDown();
    }

    /**
     * Runs the demo until the JVM is stopped (Ctrl+C).
     *
     * @param args the three ports, as {@code 9081 9082 9083} or {@code 9081,9082,9083}; none for
     *     {@value #PORTS_VARIABLE} or the defaults; {@code --help} for usage
     * @throws InterruptedException if the main thread is interrupted while the demo runs
     */
    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(usage());
            return;
        }
        int[] ports;
        try {
            ports = ports(args, System.getenv(PORTS_VARIABLE));
        } catch (IllegalArgumentException e) {
            exit(EXIT_USAGE, e.getMessage() + "\n\n" + usage());
            return;
        }
        RedisChoice redis = redisUri(System.getenv());
        quietStartUpLogging();
        if (redis == null) {
            out.println("No Redis given (" + REDIS_URI_VARIABLE + ", " + SettingSource.environmentName(REDIS_URI_SETTING)
                    + " or -D" + SettingSource.SYSTEM_PROPERTY_PREFIX + REDIS_URI_SETTING
                    + "): the demo starts a local redis-server.");
        }
        out.println("Starting Tomcat, Jetty and Undertow on ports " + Arrays.stream(ports).mapToObj(String::valueOf)
                .collect(Collectors.joining(", ")) + "...");
        SessionTesterDemo demo;
        try {
            demo = start(redis == null ? null : redis.uri(), ports);
        } catch (PortInUseException e) {
            exit(EXIT_FAILURE, e.getMessage() + ".\nChoose three free ports: ./demo.sh 9081 9082 9083, or "
                    + PORTS_VARIABLE + "=9081,9082,9083 ./demo.sh (with java -jar: the same arguments or variable).");
            return;
        } catch (RuntimeException e) {
            exit(EXIT_FAILURE, "Cannot start the demo: " + e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping...");
            demo.close();
            out.println("Stopped.");
        }, "session-tester-shutdown"));

        out.println();
        out.println("Redis: " + RedisEndpoint.mask(demo.redisUri())
                + (demo.ownsRedis() ? " (started for this demo, stopped with it)" :  " (from " + redis.source() + ")"));
        out.println("Session tester pages (one session, one counter in all six):");
        List<String> urls = demo.urls();
        for (int i = 0; i < urls.size(); i++) {
            out.printf("  %-9s %s%n", CONTAINERS.get(i / APPS.size()), urls.get(i));
        }
        out.println();
        out.println("Press Ctrl+C to stop.");
        demo.awaitClose();
    }

    /**
     * Finds the Redis URI, with the filter's precedence: system property, then its environment variable, then
     * {@value #REDIS_URI_VARIABLE}.
     *
     * @param environment the environment variables; not {@code null}
     * @return the URI and where it came from, or {@code null} if none is given
     */
    static RedisChoice redisUri(Map<String, String> environment) {
        String property = SettingSource.SYSTEM_PROPERTY_PREFIX + REDIS_URI_SETTING;
        String variable = SettingSource.environmentName(REDIS_URI_SETTING);
        if (!isBlank(System.getProperty(property))) {
            return new RedisChoice(System.getProperty(property).trim(), "system property " + property);
        }
        if (!isBlank(environment.get(variable))) {
            return new RedisChoice(environment.get(variable).trim(), "environment variable " + variable);
        }
        if (!isBlank(environment.get(REDIS_URI_VARIABLE))) {
            return new RedisChoice(environment.get(REDIS_URI_VARIABLE).trim(), "environment variable " + REDIS_URI_VARIABLE);
        }
        return null;
    }

    /**
     * Reads the ports from the arguments, else from the variable, else the defaults.
     *
     * @param args the command line arguments; not {@code null}
     * @param variable the value of {@value #PORTS_VARIABLE}, or {@code null}
     * @return three distinct ports
     * @throws IllegalArgumentException naming the bad value
     */
    static int[] ports(String[] args, String variable) {
        String text;
        String source;
        if (args.length > 0) {
            text = String.join(",", args);
            source = "arguments";
        } else if (!isBlank(variable)) {
            text = variable;
            source = PORTS_VARIABLE;
        } else {
            return DEFAULT_PORTS.stream().mapToInt(Integer::intValue).toArray();
        }
        String[] items = text.trim().split("[,\\s]+");
        if (items.length != CONTAINERS.size()) {
            throw new IllegalArgumentException("ports: [" + text + "] from " + source + " must be three ports, for "
                    + String.join(", ", CONTAINERS) + ", such as 8081,8082,8083");
        }
        int[] ports = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            try {
                ports[i] = Integer.parseInt(items[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ports: [" + items[i] + "] from " + source + " is not a port number (1-65535)");
            }
        }
        checkPorts(ports);
        return ports;
    }

    private static void checkPorts(int[] ports) {
        if (ports == null || ports.length != CONTAINERS.size()) {
            throw new IllegalArgumentException("ports: " + Arrays.toString(ports) + " must be three ports, for "
                    + String.join(", ", CONTAINERS));
        }
        Set<Integer> seen = new HashSet<>();
        for (int port : ports) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("ports: [" + port + "] is not a port number (1-65535)");
            }
            if (!seen.add(port)) {
                throw new IllegalArgumentException("ports: [" + port + "] is given twice; each container needs its own port");
            }
        }
    }

    private static WebAppSpec app(String contextPath, String redisUri, int[] ports) {
        String peers = IntStream.range(0, ports.length)
                .mapToObj(i -> CONTAINERS.get(i) + "=" + ports[i])
                .collect(Collectors.joining(","));
        return WebAppSpec.builder()
                .contextPath(contextPath)
                .filter("redisSession", RedisSessionFilter.class,
                        Map.of(REDIS_URI_SETTING, redisUri, "sessionNamespace", NAMESPACE, "maxSessionsPerUser", "1",
                                "loginPolicy", "expire-oldest", "loggedOutElsewhereUrl",
                                "/?" + SessionTesterServlet.LOGGED_OUT_ELSEWHERE))
                .declaredListener(SessionActivityListener.class)
                .declaredListener(SessionActivityListener.Annotated.class)
                .declaredListener(SessionActivityListener.Registrar.class)
                .servlet("sessionTester", SessionTesterServlet::new, "/")
                .contextParam(SessionTesterServlet.CONTAINERS_PARAM, peers)
                .contextParam(SessionTesterServlet.APPS_PARAM, String.join(",", APPS))
                .build();
    }

    /** Whether nothing listens on the port of {@value #HOST}, as far as a bind attempt can tell. */
    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1}), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hides, unless the user configured logging, the filter's start-up line per app and container (its warnings
     * still show) and Tomcat's note that seeding its own, unused, session id generator was slow.
     */
    private static void quietStartUpLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        if (FILTER_LOGGER.getLevel() == null) {
            FILTER_LOGGER.setLevel(Level.WARNING);
        }
        if (TOMCAT_ID_LOGGER.getLevel() == null) {
            TOMCAT_ID_LOGGER.setLevel(Level.SEVERE);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String usage() {
        String variable = SettingSource.environmentName(REDIS_URI_SETTING);
        String property = SettingSource.SYSTEM_PROPERTY_PREFIX + REDIS_URI_SETTING;
        return "Usage: ./demo.sh [TOMCAT_PORT JETTY_PORT UNDERTOW_PORT]\n"
                + "   or: java -jar examples/target/session-tester.jar [TOMCAT_PORT JETTY_PORT UNDERTOW_PORT]\n\n"
                + "Runs /session1 and /session2 on Tomcat, Jetty and Undertow, all sharing one session in Redis.\n"
                + "Ports: the arguments, else " + PORTS_VARIABLE + "=8081,8082,8083, else 8081 8082 8083.\n"
                + "Redis: " + REDIS_URI_VARIABLE + "=URI, such as redis://127.0.0.1:6379. The filter's own setting wins over it: "
                + variable + "=URI,\n       or -D" + property + "=URI (java -jar, or JDK_JAVA_OPTIONS)."
                + " Without any, a local redis-server is started for the demo.";
    }

    private static void exit(int status, String message) {
        System.err.println(message);
        System.exit(status);
    }
}
