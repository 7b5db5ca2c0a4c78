package io.redissession.tools.splice;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Which Servlet API a WAR's code links against: the class files of {@code WEB-INF/classes}, else those of the jars
 * in {@code WEB-INF/lib}, are searched for the API's package names ({@code javax/servlet/}, {@code jakarta/servlet/}
 * as the constant pool holds them).
 *
 * @param javaxClasses how many class files name {@code javax.servlet}
 * @param jakartaClasses how many class files name {@code jakarta.servlet}
 * @param where {@code WEB-INF/classes}, {@code WEB-INF/lib} or {@code nowhere}: the first place that named one
 */
record ApiUsage(int javaxClasses, int jakartaClasses, String where) {

    /**
     * @param war the WAR
     * @return what its classes use
     * @throws IOException if the WAR cannot be read
     */
    static ApiUsage of(ZipFile war) throws IOException {
        ApiUsage classes = scan(war, "WEB-INF/classes/", false);
        if (classes.javaxClasses() + classes.jakartaClasses() > 0) {
            return classes;
        }
        ApiUsage libraries = scan(war, "WEB-INF/lib/", true);
        return libraries.javaxClasses() + libraries.jakartaClasses() > 0 ? libraries
                : new ApiUsage(0, 0, "nowhere");
    }

    /** @return the flavour only one of the two APIs points to, or {@code null} if none or both are used */
    ServletFlavour flavour() {
        if (javaxClasses > 0 && jakartaClasses == 0) {
            return ServletFlavour.JAVAX;
        }
        if (jakartaClasses > 0 && javaxClasses == 0) {
            return ServletFlavour.JAKARTA;
        }
        return null;
    }

    private static ApiUsage scan(ZipFile war, String folder, boolean jars) throws IOException {
        int javax = 0;
        int jakarta = 0;
        var entries = war.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (entry.isDirectory() || !entry.getName().startsWith(folder)) {
                continue;
            }
            if (!jars && entry.getName().endsWith(".class")) {
                try (InputStream in = war.getInputStream(entry)) {
                    byte[] bytes = in.readAllBytes();
                    javax += names(bytes, ServletFlavour.JAVAX) ? 1 : 0;
                    jakarta += names(bytes, ServletFlavour.JAKARTA) ? 1 : 0;
                }
            } else if (jars && entry.getName().endsWith(".jar") && entry.getName().indexOf('/', folder.length()) < 0) {
                try (ZipInputStream jar = new ZipInputStream(war.getInputStream(entry))) {
                    for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                        if (inner.getName().endsWith(".class")) {
                            byte[] bytes = jar.readAllBytes();
                            javax += names(bytes, ServletFlavour.JAVAX) ? 1 : 0;
                            jakarta += names(bytes, ServletFlavour.JAKARTA) ? 1 : 0;
                        }
                    }
                }
            }
        }
        return new ApiUsage(javax, jakarta, folder.substring(0, folder.length() - 1));
    }

    /** @return whether a class file names the flavour's API package */
    static boolean names(byte[] classFile, ServletFlavour flavour) {
        byte[] pattern = flavour.packagePath().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int start = 0; start + pattern.length <= classFile.length; start++) {
            for (int i = 0; i < pattern.length; i++) {
                if (classFile[start + i] != pattern[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
