package io.redissession.tools.console;

/** Tells the console what a stored attribute value is. */
@FunctionalInterface
public interface ValueDisplay {

    /**
     * What the console shows of a value.
     *
     * @param type its class name
     * @param text its text, or {@code null} when values are hidden
     */
    record Shown(String type, String text) {
    }

    /**
     * @param stored the serialized value; not {@code null}
     * @return what to show of it
     */
    Shown show(byte[] stored);
}
