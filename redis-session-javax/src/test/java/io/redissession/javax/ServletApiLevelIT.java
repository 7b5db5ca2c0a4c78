package io.redissession.javax;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The javax jars as the build made them: no {@code jakarta.servlet} left, the -all jar's classes all under
 * {@code io/redissession/}, and every Servlet API class, method and field they use present in Servlet 4.0 (the API of
 * the embedded Tomcat 9 on this class path), except the calls that are guarded because they came with Servlet 6.
 */
class ServletApiLevelIT {

    /** Servlet 6 members the filter calls inside a catch of {@link IncompatibleClassChangeError}. */
    private static final Set<String> GUARDED = Set.of(
            "javax/servlet/SessionCookieConfig.getAttribute(Ljava/lang/String;)Ljava/lang/String;",
            "javax/servlet/SessionCookieConfig.getAttributes()Ljava/util/Map;");

    private static Path jar(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("redis-session-javax-[^-]+(-SNAPSHOT)?"
                    + suffix + "\\.jar")).findFirst().orElseThrow(() -> new AssertionError("no javax jar" + suffix));
        }
    }

    @Test
    void everyServletMemberUsedExistsInServlet4() throws Exception {
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        try (JarFile jar = new JarFile(jar("").toFile())) {
            for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                byte[] bytes = jar.getInputStream(entry).readAllBytes();
                for (String[] member : servletMembers(bytes)) {
                    checked++;
                    String ref = member[0] + "." + member[1] + member[2];
                    if (!GUARDED.contains(ref) && !exists(member[0], member[1], member[2])) {
                        missing.add(ref + " in " + entry.getName());
                    }
                }
            }
        }
        assertTrue(checked > 50, "members checked: " + checked);
        assertEquals(Set.of(), missing);
    }

    @Test
    void theJarsSayJavaxOnlyAndTheAllJarHidesWhatItBundles() throws Exception {
        for (String suffix : List.of("", "-all")) {
            try (JarFile jar = new JarFile(jar(suffix).toFile())) {
                List<String> jakarta = new ArrayList<>();
                List<String> misplaced = new ArrayList<>();
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.startsWith("io/redissession/")) {
                        misplaced.add(name);
                    }
                    if (name.endsWith(".class") && name.startsWith("io/redissession/")
                            && references(jar.getInputStream(entry).readAllBytes(), "jakarta/servlet/")) {
                        jakarta.add(name);
                    }
                    if (name.startsWith("META-INF/services/jakarta.")) {
                        jakarta.add(name);
                    }
                }
                assertEquals(List.of(), jakarta, suffix);
                assertEquals(List.of(), misplaced, suffix);
                assertTrue(jar.getEntry("META-INF/services/javax.servlet.ServletContainerInitializer") != null,
                        suffix + ": the listener collector is found by Servlet 4 containers");
            }
        }
    }

    private static boolean exists(String owner, String name, String descriptor) throws ClassNotFoundException {
        Class<?> type = Class.forName(owner.replace('/', '.'), false, ServletApiLevelIT.class.getClassLoader());
        if (descriptor.startsWith("(")) {
            return members(type).stream().anyMatch(m -> (m instanceof Constructor<?> ? "<init>" : m.getName())
                    .equals(name) && descriptorOf(m).equals(descriptor));
        }
        try {
            type.getField(name);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static List<Executable> members(Class<?> type) {
        List<Executable> all = new ArrayList<>(Arrays.asList(type.getDeclaredConstructors()));
        List<Class<?>> types = new ArrayList<>(List.of(type, Object.class));
        for (int i = 0; i < types.size(); i++) {
            Class<?> t = types.get(i);
            all.addAll(Arrays.asList(t.getDeclaredMethods()));
            if (t.getSuperclass() != null) {
                types.add(t.getSuperclass());
            }
            types.addAll(Arrays.asList(t.getInterfaces()));
        }
        return all;
    }

    private static String descriptorOf(Executable member) {
        StringBuilder text = new StringBuilder("(");
        for (Class<?> parameter : member.getParameterTypes()) {
            text.append(parameter.descriptorString());
        }
        text.append(')');
        return text.append(member instanceof Method method ? method.getReturnType().descriptorString() : "V")
                .toString();
    }

    /**
     * @return whether what the JVM links against names the prefix: classes, member references, and the descriptors
     *         of the fields and methods declared. (The Eclipse Transformer leaves the {@code Record} attribute's
     *         component types as they were; only {@code Class.getRecordComponents()} reads them, and the filter
     *         never calls it on its internal records.)
     */
    private static boolean references(byte[] classFile, String prefix) throws IOException {
        ConstantPool pool = constants(classFile);
        List<String> linked = new ArrayList<>();
        for (int i = 1; i < pool.texts.length; i++) {
            if (pool.classNames[i] != 0) {
                linked.add(pool.utf8At(pool.classNames[i]));
            }
            if (pool.nameAndTypes[i] != null) {
                linked.add(pool.utf8At(pool.nameAndTypes[i][1]));
            }
        }
        linked.addAll(pool.declared);
        return linked.stream().anyMatch(text -> text.contains(prefix));
    }

    /** @return owner, name and descriptor of every field, method and interface method reference to javax.servlet */
    private static List<String[]> servletMembers(byte[] classFile) throws IOException {
        ConstantPool pool = constants(classFile);
        List<String[]> members = new ArrayList<>();
        for (int[] ref : pool.memberRefs) {
            String owner = pool.utf8At(pool.classNames[ref[0]]);
            if (owner.startsWith("javax/servlet/")) {
                int[] nameAndType = pool.nameAndTypes[ref[1]];
                members.add(new String[] {owner, pool.utf8At(nameAndType[0]), pool.utf8At(nameAndType[1])});
            }
        }
        return members;
    }

    /** The parts of a class file's constant pool these checks read. */
    private static final class ConstantPool {
        private String[] texts;
        private int[] classNames;
        private int[][] nameAndTypes;
        private final List<int[]> memberRefs = new ArrayList<>();
        private final List<String> declared = new ArrayList<>();

        String utf8At(int index) {
            return texts[index];
        }
    }

    private static ConstantPool constants(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.skipBytes(8);
        int count = in.readUnsignedShort();
        ConstantPool pool = new ConstantPool();
        pool.texts = new String[count];
        pool.classNames = new int[count];
        pool.nameAndTypes = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> pool.texts[i] = in.readUTF();
                case 7 -> pool.classNames[i] = in.readUnsignedShort();
                case 9, 10, 11 -> pool.memberRefs.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
                case 12 -> pool.nameAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 3, 4 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                case 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 17, 18 -> in.skipBytes(4);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.skipBytes(6);
        in.skipBytes(2 * in.readUnsignedShort());
        for (int kind = 0; kind < 2; kind++) {
            int members = in.readUnsignedShort();
            for (int m = 0; m < members; m++) {
                in.skipBytes(4);
                pool.declared.add(pool.utf8At(in.readUnsignedShort()));
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    in.skipBytes(2);
                    in.skipBytes(in.readInt());
                }
            }
        }
        return pool;
    }
}
