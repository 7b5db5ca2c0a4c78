package io.redissession.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A server-side script loaded from the class path, with its SHA-1 digest for {@code EVALSHA}. */
record LuaScript(String name, String source, String sha1) {

    /**
     * @param name the resource name next to this class, for example {@code commit.lua}
     * @return the script
     */
    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("script resource missing: " + name);
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(name, source, HexFormat.of().formatHex(digest));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot load script " + name, e);
        }
    }

    /** @return the SHA-1 digest as {@code EVALSHA} takes it */
    byte[] sha1Bytes() {
        return sha1.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the source as {@code EVAL} takes it */
    byte[] sourceBytes() {
        return source.getBytes(StandardCharsets.UTF_8);
    }
}
