package io.redissession.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where Redis is, parsed from the {@code redisUri} setting. Three topologies, each with a TLS variant
 * ({@code rediss...}):
 * <ul>
 * <li>standalone: {@code redis://[user:password@]host[:port][/db]};</li>
 * <li>Sentinel: {@code redis-sentinel://[user:password@]host:port[,host:port...][/db]#masterName}, the hosts being
 * sentinels and the credentials those of the data nodes;</li>
 * <li>Cluster: {@code redis-cluster://[user:password@]host:port[,host:port...]}, the hosts being seed nodes.</li>
 * </ul>
 * {@link #toString()} masks the password.
 */
public final class RedisEndpoint {

    /** The port used when the URI names none. */
    public static final int DEFAULT_PORT = 6379;

    private static final String ACCEPTED = "expected redis://[user:password@]host[:port][/db], "
            + "redis-sentinel://[user:password@]host:port[,host:port...][/db]#masterName or "
            + "redis-cluster://[user:password@]host:port[,host:port...], or the same with rediss, "
            + "rediss-sentinel, rediss-cluster for TLS; host is a name, an IPv4 address or [IPv6]";

    private static final java.util.Map<String, Topology> SCHEMES = java.util.Map.of(
            "redis", Topology.STANDALONE, "rediss", Topology.STANDALONE,
            "redis-sentinel", Topology.SENTINEL, "rediss-sentinel", Topology.SENTINEL,
            "redis-cluster", Topology.CLUSTER, "rediss-cluster", Topology.CLUSTER);

    /** The kind of Redis deployment the URI names. */
    public enum Topology {
        /** One server (possibly behind a proxy). */
        STANDALONE,
        /** A master found through sentinels. */
        SENTINEL,
        /** A Redis Cluster. */
        CLUSTER
    }

    /** One host and port. */
    public record HostAndPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private final Topology topology;
    private final boolean tls;
    private final List<HostAndPort> hosts;
    private final String masterName;
    private final String username;
    private final char[] password;
    private final int database;

    private RedisEndpoint(Topology topology, boolean tls, List<HostAndPort> hosts, String masterName,
            String username, char[] password, int database) {
        this.topology = topology;
        this.tls = tls;
        this.hosts = List.copyOf(hosts);
        this.masterName = masterName;
        this.username = username;
        this.password = password;
        this.database = database;
    }

    /**
     * @param uri the {@code redisUri} setting; not {@code null}
     * @return the parsed endpoint
     * @throws InvalidSettingException naming {@code redisUri}, the value (password masked) and the accepted forms
     */
    public static RedisEndpoint parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        String text = uri.trim();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid(uri, ACCEPTED);
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
        Topology topology = SCHEMES.get(scheme);
        if (topology == null) {
            throw invalid(uri, "scheme [" + scheme + "] is not supported; " + ACCEPTED);
        }
        boolean tls = scheme.startsWith("rediss");
        String rest = text.substring(schemeEnd + 3);
        String masterName = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            masterName = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        if (rest.contains("?")) {
            throw invalid(uri, "query parameters are not supported; " + ACCEPTED);
        }
        if (topology == Topology.SENTINEL && (masterName == null || !masterName.matches("[A-Za-z0-9._-]{1,128}"))) {
            throw invalid(uri, "a Sentinel URI ends with #masterName; " + ACCEPTED);
        }
        if (topology != Topology.SENTINEL && masterName != null) {
            throw invalid(uri, "only Sentinel URIs have a #masterName; " + ACCEPTED);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String username = null;
        char[] password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            String secret = colon >= 0 ? userInfo.substring(colon + 1) : null;
            if (secret == null) {
                secret = user;
                user = "";
            }
            username = user.isEmpty() ? null : decode(uri, user);
            password = decode(uri, secret).toCharArray();
        }
        List<HostAndPort> hosts = new ArrayList<>();
        for (String part : rest.split(",", -1)) {
            hosts.add(parseHost(uri, part));
        }
        if (topology == Topology.STANDALONE && hosts.size() != 1) {
            throw invalid(uri, "one host expected; " + ACCEPTED);
        }
        if (topology == Topology.CLUSTER && !path.isEmpty()) {
            throw invalid(uri, "Redis Cluster has only database 0; " + ACCEPTED);
        }
        int database = 0;
        if (!path.isEmpty()) {
            if (!path.matches("[0-9]{1,4}")) {
                throw invalid(uri, "database [" + path + "] is not a number; " + ACCEPTED);
            }
            database = Integer.parseInt(path);
        }
        return new RedisEndpoint(topology, tls, hosts, masterName, username, password, database);
    }

    private static HostAndPort parseHost(String uri, String part) {
        String host;
        String port = null;
        if (part.startsWith("[")) {
            int close = part.indexOf(']');
            if (close < 0) {
                throw invalid(uri, "unclosed [ in IPv6 host; " + ACCEPTED);
            }
            host = part.substring(1, close);
            String after = part.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid(uri, ACCEPTED);
                }
                port = after.substring(1);
            }
        } else {
            int colon = part.indexOf(':');
            host = colon >= 0 ? part.substring(0, colon) : part;
            port = colon >= 0 ? part.substring(colon + 1) : null;
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
            throw invalid(uri, "host [" + host + "] is not valid; " + ACCEPTED);
        }
        int number = DEFAULT_PORT;
        if (port != null) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw invalid(uri, "port [" + port + "] is not 1-65535; " + ACCEPTED);
            }
            number = Integer.parseInt(port);
        }
        return new HostAndPort(host, number);
    }

    private static String decode(String uri, String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(uri, "bad %-escape in user or password; " + ACCEPTED);
        }
    }

    private static InvalidSettingException invalid(String uri, String accepted) {
        return new InvalidSettingException("redisUri", mask(uri), null, accepted);
    }

    /**
     * @param uri a Redis URI, not {@code null}
     * @return the URI with any password replaced by {@code ****}
     */
    public static String mask(String uri) {
        return uri.replaceAll("(://[^/@:]*:)[^/@]*@", "$1****@").replaceAll("(://)([^/@:]+)@", "$1****@");
    }

    /** @return the kind of deployment */
    public Topology topology() {
        return topology;
    }

    /** @return the Sentinel master name, or {@code null} unless {@link #topology()} is {@link Topology#SENTINEL} */
    public String masterName() {
        return masterName;
    }

    /** @return whether the connection uses TLS ({@code rediss...}) */
    public boolean tls() {
        return tls;
    }

    /** @return the hosts, at least one */
    public List<HostAndPort> hosts() {
        return hosts;
    }

    /** @return the ACL user name, or {@code null} for the default user */
    public String username() {
        return username;
    }

    /** @return a copy of the password, or {@code null} if none */
    public char[] password() {
        return password == null ? null : password.clone();
    }

    /** @return the database number */
    public int database() {
        return database;
    }

    @Override
    public String toString() {
        String auth = password == null ? "" : (username == null ? "" : username) + ":****@";
        String scheme = (tls ? "rediss" : "redis") + switch (topology) {
            case STANDALONE -> "";
            case SENTINEL -> "-sentinel";
            case CLUSTER -> "-cluster";
        };
        StringBuilder text = new StringBuilder(scheme).append("://").append(auth);
        for (int i = 0; i < hosts.size(); i++) {
            text.append(i == 0 ? "" : ",").append(hosts.get(i));
        }
        if (topology != Topology.CLUSTER) {
            text.append('/').append(database);
        }
        return masterName == null ? text.toString() : text.append('#').append(masterName).toString();
    }
}
