package io.redissession.config;

/**
 * The near cache of one node: whether sessions read are kept in this JVM, exact by Redis's invalidations, and how
 * much it may hold (least recently used out first).
 *
 * @param enabled whether reads are cached ({@code nearCache=on})
 * @param maxEntries the most sessions held ({@code nearCacheEntries}), at least 1
 * @param maxBytes the most bytes held, estimated ({@code nearCacheBytes}), at least {@link #MIN_BYTES}
 */
public record NearCacheSettings(boolean enabled, int maxEntries, long maxBytes) {

    /** Default {@code nearCacheEntries}. */
    public static final int DEFAULT_ENTRIES = 10_000;
    /** Default {@code nearCacheBytes}: 64 MiB. */
    public static final long DEFAULT_BYTES = 64L << 20;
    /** The most {@code nearCacheEntries} accepted. */
    public static final int MAX_ENTRIES = 10_000_000;
    /** The smallest {@code nearCacheBytes} accepted: 64 KiB. */
    public static final long MIN_BYTES = 64L << 10;

    /** No near cache, default bounds. */
    public static final NearCacheSettings OFF = new NearCacheSettings(false, DEFAULT_ENTRIES, DEFAULT_BYTES);

    /** @throws InvalidSettingException if a bound is out of range */
    public NearCacheSettings {
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
            throw new InvalidSettingException("nearCacheEntries", Integer.toString(maxEntries), null,
                    "a number of sessions from 1 to " + MAX_ENTRIES);
        }
        if (maxBytes < MIN_BYTES) {
            throw new InvalidSettingException("nearCacheBytes", Long.toString(maxBytes), null,
                    "a size from 64KB, such as 64MB or 1GB (a bare number means bytes)");
        }
    }

    /** @param on whether reads are cached @return these settings, switched */
    public NearCacheSettings withEnabled(boolean on) {
        return new NearCacheSettings(on, maxEntries, maxBytes);
    }

    /** @param entries the most sessions held @return these settings with that bound */
    public NearCacheSettings withMaxEntries(int entries) {
        return new NearCacheSettings(enabled, entries, maxBytes);
    }

    /** @param bytes the most bytes held @return these settings with that bound */
    public NearCacheSettings withMaxBytes(long bytes) {
        return new NearCacheSettings(enabled, maxEntries, bytes);
    }

    @Override
    public String toString() {
        return enabled ? "on (" + maxEntries + " sessions, " + maxBytes + " bytes)" : "off";
    }
}
