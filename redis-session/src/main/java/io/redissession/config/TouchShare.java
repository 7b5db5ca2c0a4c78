package io.redissession.config;

/**
 * How much of a session's timeout must pass after its stored last access before an access is recorded again
 * (coalesced touch). The deadline of a session lies that much beyond its stored access plus its timeout, its slack,
 * so that the accesses not recorded are still covered.
 *
 * @param percent the share of the timeout, 0 (record every access) to {@value #MAX}
 */
public record TouchShare(int percent) {

    /**
     * The share when not set and the application does not ask for every request to be an access. With a 30-minute
     * timeout a read records its access at most every 90 s, and a session ends at most 90 s late, close to the
     * 60 s by which Tomcat's own sessions may overrun under its default background processing.
     */
    public static final TouchShare DEFAULT = new TouchShare(5);
    /** Every access recorded: the share when the application asks for every request to be an access. */
    public static final TouchShare EXACT = new TouchShare(0);
    /** The largest share accepted, in percent. */
    public static final int MAX = 50;

    /** Checks the bounds. */
    public TouchShare {
        if (percent < 0 || percent > MAX) {
            throw new InvalidSettingException("touchShare", percent + "%", null,
                    "a percentage of the timeout from 0% (record every access) to " + MAX + "%, or auto");
        }
    }

    /**
     * @param timeoutSeconds a session's timeout; zero or less for one that never expires
     * @return the slack of a session with this timeout, in milliseconds: 0 for a session that never expires
     */
    public long slackMillis(int timeoutSeconds) {
        return timeoutSeconds <= 0 ? 0 : timeoutSeconds * 10L * percent;
    }

    @Override
    public String toString() {
        return percent + "%";
    }
}
