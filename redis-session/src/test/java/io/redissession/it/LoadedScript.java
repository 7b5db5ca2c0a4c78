package io.redissession.it;

import io.redissession.testkit.RedisServer;
import io.redissession.testkit.RedisTestConnection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A Redis server of its own with one of the library's scripts loaded, for the tests of that script alone. */
final class LoadedScript implements AutoCloseable {

    private final RedisServer redis;
    private final RedisTestConnection connection;
    private final String sha;

    /** @param name the script's file name, for example {@code touch.lua} */
    LoadedScript(String name) throws IOException {
        redis = RedisServer.start();
        connection = redis.connect();
        try (InputStream in = getClass().getResourceAsStream("/io/redissession/redis/" + name)) {
            sha = connection.string("SCRIPT", "LOAD", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** @return a connection to the server */
    RedisTestConnection connection() {
        return connection;
    }

    /** @return the script's SHA-1, for {@code EVALSHA} */
    String sha() {
        return sha;
    }

    @Override
    public void close() {
        connection.close();
        redis.close();
    }
}
