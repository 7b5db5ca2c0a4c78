package io.redissession.tools.splice;

/** Which Servlet API a web application is written against, and so which drop-in jar it takes. */
public enum ServletFlavour {

    /** {@code javax.servlet}, Servlet 4.0 and earlier: {@code redis-session-javax-<version>-all.jar}. */
    JAVAX("javax/servlet/", "redis-session-javax-all.jar", "4.0"),
    /** {@code jakarta.servlet}, Servlet 5.0 and later: {@code redis-session-<version>-all.jar}. */
    JAKARTA("jakarta/servlet/", "redis-session-all.jar", "6.0");

    private final String packagePath;
    private final String bundledJar;
    private final String newDescriptorVersion;

    ServletFlavour(String packagePath, String bundledJar, String newDescriptorVersion) {
        this.packagePath = packagePath;
        this.bundledJar = bundledJar;
        this.newDescriptorVersion = newDescriptorVersion;
    }

    /** @return how class files name the API's package, for example {@code javax/servlet/} */
    String packagePath() {
        return packagePath;
    }

    /** @return the resource name of the drop-in jar bundled with the tool */
    String bundledJar() {
        return bundledJar;
    }

    /** @return the Servlet version of a {@code web.xml} the splicer creates for a WAR that has none */
    String newDescriptorVersion() {
        return newDescriptorVersion;
    }

    /**
     * @param version a {@code web.xml} version, such as {@code 2.5} or {@code 6.0}
     * @return the flavour of that Servlet version
     */
    static ServletFlavour ofDescriptorVersion(String version) {
        return ServletVersion.parse(version).atLeast(5, 0) ? JAKARTA : JAVAX;
    }
}
