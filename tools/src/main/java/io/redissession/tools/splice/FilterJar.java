package io.redissession.tools.splice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The drop-in jar the splicer puts in {@code WEB-INF/lib}: one of the two bundled with the tool, or one the user
 * names.
 *
 * @param fileName its name in {@code WEB-INF/lib}
 * @param bytes its content
 * @param flavour the Servlet API its filter is built for
 */
public record FilterJar(String fileName, byte[] bytes, ServletFlavour flavour) {

    /**
     * @param flavour the API of the application
     * @return the -all jar of that flavour built with this tool
     * @throws IllegalStateException if the tool was built without it
     */
    public static FilterJar bundled(ServletFlavour flavour) {
        try (InputStream jar = FilterJar.class.getResourceAsStream(flavour.bundledJar());
                InputStream about = FilterJar.class.getResourceAsStream("splice.properties")) {
            if (jar == null || about == null) {
                throw new IllegalStateException("this build of the tool lacks " + flavour.bundledJar()
                        + "; name the jar with --filter-jar");
            }
            Properties properties = new Properties();
            properties.load(about);
            String version = properties.getProperty("version");
            String base = flavour.bundledJar().substring(0, flavour.bundledJar().length() - "-all.jar".length());
            return new FilterJar(base + "-" + version + "-all.jar", jar.readAllBytes(), flavour);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + flavour.bundledJar(), e);
        }
    }

    /**
     * @param path a drop-in jar on disk
     * @return it, named as on disk
     * @throws SpliceRefusedException if it cannot be read or is not a jar with the session filter
     */
    public static FilterJar file(Path path) {
        ServletFlavour flavour;
        try (ZipFile jar = new ZipFile(path.toFile())) {
            ZipEntry filter = jar.getEntry(FilterBlock.FILTER_CLASS.replace('.', '/') + ".class");
            if (filter == null) {
                throw new SpliceRefusedException(path + " does not contain the session filter "
                        + FilterBlock.FILTER_CLASS + "; name a redis-session -all jar");
            }
            try (InputStream in = jar.getInputStream(filter)) {
                byte[] filterClass = in.readAllBytes();
                flavour = ApiUsage.names(filterClass, ServletFlavour.JAKARTA) ? ServletFlavour.JAKARTA
                        : ServletFlavour.JAVAX;
            }
        } catch (ZipException e) {
            throw new SpliceRefusedException(path + " is not a jar (not a zip archive)", e);
        } catch (IOException e) {
            throw new SpliceRefusedException("cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            return new FilterJar(path.getFileName().toString(), Files.readAllBytes(path), flavour);
        } catch (IOException e) {
            throw new SpliceRefusedException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
