package io.redissession.session;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Session ids: {@value #TAG_LENGTH} characters of shard tag followed by {@value #SECRET_LENGTH} characters of
 * secret, all URL-safe. The tag names one of {@value #SHARDS} shards ({@code e000} to {@code e255}, drawn at
 * random): it is the Redis hash tag of the session's keys, so the session and its entry in the sharded expiry
 * index share a Cluster slot, and the shards spread sessions over the Cluster. The secret carries 128 bits from
 * {@link SecureRandom}. {@link #renew(String)} keeps the tag and draws a new secret, so a renewed session stays in
 * the same slot and can be renamed atomically.
 * <p>
 * Incoming ids are hostile input: {@link #isWellFormed(String)} must accept an id before any Redis command is built.
 */
public final class SessionIds {

    /** Characters of the shard tag. */
    public static final int TAG_LENGTH = 4;
    /** How many shards the tags name; every node sweeps every shard's expiry index. */
    public static final int SHARDS = 256;
    /** Characters of the secret (128 random bits). */
    public static final int SECRET_LENGTH = 22;
    /** Characters of a whole id. */
    public static final int LENGTH = TAG_LENGTH + SECRET_LENGTH;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final String[] TAGS = new String[SHARDS];

    static {
        for (int shard = 0; shard < SHARDS; shard++) {
            TAGS[shard] = String.format("e%03d", shard);
        }
    }

    private final SecureRandom random = new SecureRandom();

    /** @return a new id */
    public String create() {
        byte[] bytes = new byte[17];
        random.nextBytes(bytes);
        return TAGS[(bytes[0] & 0xFF) % SHARDS] + ENCODER.encodeToString(Arrays.copyOfRange(bytes, 1, 17));
    }

    /**
     * @param shard a shard number, {@code 0 <= shard < SHARDS}
     * @return the tag of the ids of that shard
     */
    public static String shardTag(int shard) {
        if (shard < 0 || shard >= SHARDS) {
            throw new IllegalArgumentException("shardTag: shard [" + shard + "] is not between 0 and " + (SHARDS - 1));
        }
        return TAGS[shard];
    }

    /**
     * @param id a well-formed id; not {@code null}
     * @return a new id with the same slot tag and a new secret
     * @throws IllegalArgumentException if {@code id} is not well-formed
     */
    public String renew(String id) {
        if (!isWellFormed(id)) {
            throw new IllegalArgumentException("renew: session id [" + id + "] is not well-formed");
        }
        String renewed;
        do {
            renewed = tagOf(id) + secret();
        } while (renewed.equals(id));
        return renewed;
    }

    /**
     * @param id any string, possibly {@code null}
     * @return whether it has the format of an id this library creates
     */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH || !isShardTag(id)) {
            return false;
        }
        for (int i = TAG_LENGTH; i < LENGTH; i++) {
            char c = id.charAt(i);
            boolean urlSafe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!urlSafe) {
                return false;
            }
        }
        return true;
    }

    private static boolean isShardTag(String id) {
        if (id.charAt(0) != 'e') {
            return false;
        }
        int shard = 0;
        for (int i = 1; i < TAG_LENGTH; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            shard = shard * 10 + (c - '0');
        }
        return shard < SHARDS;
    }

    /**
     * @param id a well-formed id; not {@code null}
     * @return its shard tag
     */
    public static String tagOf(String id) {
        return id.substring(0, TAG_LENGTH);
    }

    /**
     * @param id a well-formed id; not {@code null}
     * @return its secret part
     */
    public static String secretOf(String id) {
        return id.substring(TAG_LENGTH);
    }

    private String secret() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
