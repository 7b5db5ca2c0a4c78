package io.redissession.serializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The classes the JSON serializer may instantiate: exact class names, or package prefixes written {@code com.shop.*}
 * (the package and its sub-packages). Common value types of {@code java.lang}, {@code java.math} and
 * {@code java.util} collections are always allowed.
 */
public final class TypeAllowList {

    /** Value types allowed without configuration. */
    public static final Set<String> BUILT_IN = Set.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Integer", "java.lang.Long", "java.lang.Short",
            "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Character",
            "java.math.BigDecimal", "java.math.BigInteger",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet");

    private final Set<String> exact;
    private final List<String> prefixes;

    /**
     * @param entries class names or {@code package.*} prefixes; not {@code null}, blank entries are ignored
     * @throws IllegalArgumentException if an entry is not a class name or package pattern
     */
    public TypeAllowList(Collection<String> entries) {
        Objects.requireNonNull(entries, "entries");
        Set<String> names = new java.util.HashSet<>(BUILT_IN);
        List<String> packages = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw == null ? "" : raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*(\\.\\*)?")) {
                throw new IllegalArgumentException("allowed type [" + entry
                        + "] is neither a class name nor a package pattern like com.shop.*");
            }
            if (entry.endsWith(".*")) {
                packages.add(entry.substring(0, entry.length() - 1));
            } else {
                names.add(entry);
            }
        }
        this.exact = Set.copyOf(names);
        this.prefixes = List.copyOf(packages);
    }

    /**
     * @param className a binary class name; not {@code null}
     * @return whether the JSON serializer may write and read values of this class
     */
    public boolean allows(String className) {
        if (exact.contains(className)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
