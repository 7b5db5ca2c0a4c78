package io.redissession.tools.splice;

/**
 * A Servlet specification version as {@code web.xml} states it.
 *
 * @param major major version
 * @param minor minor version
 */
record ServletVersion(int major, int minor) {

    /**
     * @param text {@code 2.5}, {@code 3.1}, {@code 6.0}...
     * @return the version
     * @throws SpliceRefusedException if the text is not a version
     */
    static ServletVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        try {
            return new ServletVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            throw new SpliceRefusedException("WEB-INF/web.xml states version=\"" + text + "\", which is not a Servlet"
                    + " version");
        }
    }

    /** @return whether this version is the given one or later */
    boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || major == wantedMajor && minor >= wantedMinor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
