package io.redissession.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: {@value #TAG_LENGTH} characters of slot tag followed by {@value #SECRET_LENGTH} characters of secret,
 * all URL-safe Base64. The secret carries 128 bits from {@link SecureRandom}. {@link #renew(String)} keeps the tag
 * and draws a new secret, so a renewed session stays in the same Redis Cluster slot and can be renamed atomically.
 * <p>
 * Incoming ids are hostile input: {@link #isWellFormed(String)} must accept an id before any Redis command is built.
 */
public final class SessionIds {

    /** Characters of the slot tag (24 random bits). */
    public static final int TAG_LENGTH = 4;
    /** Characters of the secret (128 random bits). */
    public static final int SECRET_LENGTH = 22;
    /** Characters of a whole id. */
    public static final int LENGTH = TAG_LENGTH + SECRET_LENGTH;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    /** @return a new id */
    public String create() {
        byte[] bytes = new byte[19];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes).substring(0, LENGTH);
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
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            boolean urlSafe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!urlSafe) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param id a well-formed id; not {@code null}
     * @return its slot tag
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
