package io.redissession.tools.console;

/**
 * What the console allows.
 *
 * @param allowWrites whether the buttons that end sessions are shown and their requests accepted
 * @param showValues whether attribute values are shown (they may hold personal data)
 * @param password the password every request must give (HTTP Basic, any user name), or {@code null} for none
 */
public record ConsoleOptions(boolean allowWrites, boolean showValues, String password) {

    /** @return the mode as the page header shows it */
    String describe() {
        return (allowWrites ? "writes allowed" : "read-only") + " · " + (showValues ? "values shown" : "values hidden")
                + (password != null ? " · password" : "");
    }
}
