package io.redissession.tools.splice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Adds the session filter to a WAR: the drop-in jar of the application's Servlet API in {@code WEB-INF/lib}, and
 * the filter declared and mapped first in {@code WEB-INF/web.xml} (created if absent). Every other entry is copied
 * as it is. The result is written to a temporary file beside the output and moved into place only once complete,
 * so a failure never leaves a half-made WAR.
 */
public final class WarSplicer {

    private static final String WEB_XML = "WEB-INF/web.xml";
    private static final String LIB = "WEB-INF/lib/";

    private WarSplicer() {
    }

    /**
     * What to splice.
     *
     * @param war the WAR to read; never changed
     * @param output where to write the spliced WAR; not the input
     * @param redisUri the filter's {@code redisUri}
     * @param namespace the filter's {@code sessionNamespace}
     * @param params more init parameters of the filter, in order
     * @param flavour the Servlet API, or {@code null} to find it from the classes and {@code web.xml}
     * @param replaceOutput whether an existing output file may be replaced
     */
    public record Request(Path war, Path output, String redisUri, String namespace, Map<String, String> params,
            ServletFlavour flavour, boolean replaceOutput) {
    }

    /**
     * What was done.
     *
     * @param flavour the Servlet API the WAR was spliced for
     * @param flavourReason how that was decided, in words
     * @param descriptorVersion the Servlet version of the {@code web.xml} written
     * @param descriptorCreated whether the WAR had no {@code web.xml}
     * @param filterName the name the filter was declared under
     * @param jarEntry the entry added to {@code WEB-INF/lib}
     * @param notes what the user should know about this WAR
     */
    public record Result(ServletFlavour flavour, String flavourReason, ServletVersion descriptorVersion,
            boolean descriptorCreated, String filterName, String jarEntry, List<String> notes) {
    }

    /**
     * @param request what to splice
     * @param jars the drop-in jar for a flavour (the bundled ones, or the one the user named)
     * @return what was done
     * @throws SpliceRefusedException if the WAR or the request is not right; nothing was written
     * @throws IOException if reading or writing failed; nothing was written
     */
    public static Result splice(Request request, Function<ServletFlavour, FilterJar> jars) throws IOException {
        Path war = request.war();
        Path output = request.output();
        if (!Files.isRegularFile(war)) {
            throw new SpliceRefusedException("cannot read " + war + ": no such file");
        }
        if (Files.exists(output) && Files.isSameFile(war, output)
                || war.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new SpliceRefusedException("the output would overwrite the input " + war + "; name another file with"
                    + " -o");
        }
        Path folder = output.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new SpliceRefusedException("cannot write " + output + ": no such folder " + folder);
        }
        if (Files.exists(output) && !request.replaceOutput()) {
            throw new SpliceRefusedException(output + " exists; name another file with -o, or add --force to"
                    + " replace it");
        }
        try (ZipFile zip = open(war)) {
            return splice(request, zip, jars);
        }
    }

    private static ZipFile open(Path war) throws IOException {
        try {
            return new ZipFile(war.toFile());
        } catch (ZipException e) {
            throw new SpliceRefusedException(war + " is not a WAR: not a zip archive (" + e.getMessage() + ")", e);
        } catch (NoSuchFileException e) {
            throw new SpliceRefusedException("cannot read " + war + ": no such file", e);
        }
    }

    private static Result splice(Request request, ZipFile zip, Function<ServletFlavour, FilterJar> jars)
            throws IOException {
        Path war = request.war();
        List<? extends ZipEntry> entries = entries(zip, war);
        if (entries.stream().noneMatch(entry -> entry.getName().startsWith("WEB-INF/"))) {
            throw new SpliceRefusedException(war + " is not a WAR: it has no WEB-INF/ folder");
        }
        Optional<String> present = entries.stream().map(ZipEntry::getName)
                .filter(name -> name.startsWith(LIB + "redis-session") && name.endsWith(".jar")).findFirst();
        if (present.isPresent()) {
            throw new SpliceRefusedException(war + " already has the session filter's jar " + present.get());
        }
        ZipEntry descriptorEntry = zip.getEntry(WEB_XML);
        WebXml descriptor = descriptorEntry == null ? null : WebXml.parse(read(zip, descriptorEntry));
        if (descriptor != null && descriptor.sessionFilter().isPresent()) {
            throw new SpliceRefusedException(war + " already has the session filter: " + WEB_XML + " declares "
                    + FilterBlock.FILTER_CLASS + " (filter " + descriptor.sessionFilter().get() + ")");
        }
        Optional<ServletVersion> stated = descriptor == null ? Optional.empty() : descriptor.version();
        List<String> notes = new ArrayList<>();
        ServletFlavour flavour;
        String reason;
        if (request.flavour() != null) {
            flavour = request.flavour();
            reason = "as asked";
        } else {
            ApiUsage usage = ApiUsage.of(zip);
            if (usage.flavour() != null) {
                flavour = usage.flavour();
                reason = "its classes in " + usage.where() + " use " + packageName(flavour);
                if (stated.isPresent() && ServletFlavour.ofDescriptorVersion(stated.get().toString()) != flavour) {
                    notes.add(WEB_XML + " states Servlet " + stated.get() + ", but the classes use "
                            + packageName(flavour) + ": the WAR runs on a " + packageName(flavour) + " container");
                }
            } else if (stated.isPresent()) {
                flavour = ServletFlavour.ofDescriptorVersion(stated.get().toString());
                reason = WEB_XML + " states Servlet " + stated.get();
            } else {
                throw new SpliceRefusedException("cannot tell whether " + war + " is a javax.servlet or a"
                        + " jakarta.servlet application (" + (usage.javaxClasses() > 0
                        ? "its classes use both" : "no class uses either") + ", and no " + WEB_XML
                        + " states a version); say which with --flavour javax or --flavour jakarta");
            }
        }
        FilterJar jar = jars.apply(flavour);
        if (jar.flavour() != flavour) {
            throw new SpliceRefusedException(jar.fileName() + " is built for " + packageName(jar.flavour())
                    + ", but " + war + " is a " + packageName(flavour) + " application");
        }
        ServletVersion version = stated.orElse(ServletVersion.parse(flavour.newDescriptorVersion()));
        if (!version.atLeast(2, 4)) {
            throw new SpliceRefusedException(WEB_XML + " states Servlet " + version + ", which cannot map a filter to"
                    + " forwards, includes and errors; raise it to Servlet 2.5 or later first");
        }
        FilterBlock filter = new FilterBlock(freeName(descriptor), params(request), version);
        byte[] webXml = descriptor == null ? WebXml.created(flavour, filter) : descriptor.withFilter(filter);
        if (descriptor != null && descriptor.orderingExcludesOtherJars()) {
            notes.add(WEB_XML + " has an <absolute-ordering> without <others/>: the container skips the jar's"
                    + " @WebListener collector; Tomcat, Jetty, Undertow and Payara need none, other containers need"
                    + " the app's @WebListener classes named in the sessionListeners setting");
        }
        String jarEntry = LIB + jar.fileName();
        write(request.output(), zip, entries, webXml, descriptorEntry == null, jarEntry, jar.bytes());
        return new Result(flavour, reason, version, descriptorEntry == null, filter.name(), jarEntry, notes);
    }

    private static List<? extends ZipEntry> entries(ZipFile zip, Path war) {
        try {
            List<ZipEntry> list = new ArrayList<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                list.add(all.nextElement());
            }
            return list;
        } catch (RuntimeException e) {
            throw new SpliceRefusedException(war + " is a malformed zip archive: " + e.getMessage(), e);
        }
    }

    private static String packageName(ServletFlavour flavour) {
        return flavour == ServletFlavour.JAVAX ? "javax.servlet" : "jakarta.servlet";
    }

    private static String freeName(WebXml descriptor) {
        String name = "redisSession";
        for (int i = 2; descriptor != null && descriptor.filterNames().contains(name); i++) {
            name = "redisSession" + i;
        }
        return name;
    }

    private static Map<String, String> params(Request request) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("redisUri", request.redisUri());
        params.put("sessionNamespace", request.namespace());
        request.params().forEach(params::putIfAbsent);
        return params;
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (ZipException e) {
            throw new SpliceRefusedException(entry.getName() + " cannot be read from the WAR: " + e.getMessage(), e);
        }
    }

    private static void write(Path output, ZipFile zip, List<? extends ZipEntry> entries, byte[] webXml,
            boolean addDescriptor, String jarEntry, byte[] jar) throws IOException {
        Path folder = output.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(folder, "." + output.getFileName() + ".", ".partial");
        try {
            try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream out = new ZipOutputStream(file)) {
                boolean hasLibFolder = false;
                for (ZipEntry entry : entries) {
                    hasLibFolder |= entry.getName().equals(LIB);
                    if (entry.getName().equals(WEB_XML)) {
                        out.putNextEntry(copyOf(entry, false));
                        out.write(webXml);
                    } else {
                        out.putNextEntry(copyOf(entry, true));
                        try (InputStream in = zip.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
                if (addDescriptor) {
                    out.putNextEntry(new ZipEntry(WEB_XML));
                    out.write(webXml);
                    out.closeEntry();
                }
                if (!hasLibFolder) {
                    out.putNextEntry(new ZipEntry(LIB));
                    out.closeEntry();
                }
                out.putNextEntry(stored(jarEntry, jar));
                out.write(jar);
                out.closeEntry();
            } catch (ZipException e) {
                throw new SpliceRefusedException("the WAR is malformed: " + e.getMessage(), e);
            }
            try {
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** A new entry of the same name, time and comment; stored entries copied as they are stay stored. */
    private static ZipEntry copyOf(ZipEntry entry, boolean sameContent) {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        if (entry.getComment() != null) {
            copy.setComment(entry.getComment());
        }
        if (sameContent && entry.getMethod() == ZipEntry.STORED) {
            copy.setMethod(ZipEntry.STORED);
            copy.setSize(entry.getSize());
            copy.setCompressedSize(entry.getSize());
            copy.setCrc(entry.getCrc());
        }
        return copy;
    }

    private static ZipEntry stored(String name, byte[] bytes) {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        return entry;
    }
}
