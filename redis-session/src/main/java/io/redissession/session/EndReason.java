package io.redissession.session;

/** Why a session was ended by something other than its timeout. */
public enum EndReason {
    /** Invalidated from outside its requests (by id, from JMX or the operator tool); leaves no marker. */
    INVALIDATED("invalidated"),
    /** The duplicate-login policy ended it: its user logged in elsewhere. */
    LOGGED_OUT("logged-out"),
    /** An operator or the application logged its user out everywhere. */
    FORCED_LOGOUT("forced-logout");

    private final String label;

    EndReason(String label) {
        this.label = label;
    }

    /** @return the name in the store and in notices */
    public String label() {
        return label;
    }

    /**
     * @param label a name from {@link #label()}; may be {@code null}
     * @return the reason, or {@code null} if the label names none
     */
    public static EndReason of(String label) {
        for (EndReason reason : values()) {
            if (reason.label.equals(label)) {
                return reason;
            }
        }
        return null;
    }
}
