package io.redissession.tools.splice;

/** The WAR cannot be spliced as asked; the message says why and what to do. Nothing was written. */
public final class SpliceRefusedException extends IllegalArgumentException {

    /** @param message why, in one sentence */
    public SpliceRefusedException(String message) {
        super(message);
    }

    /**
     * @param message why, in one sentence
     * @param cause what failed
     */
    public SpliceRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
