package io.redissession.serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * Java serialization, compatible with any {@link Serializable} attribute. Classes are resolved with the web
 * application's class loader and every stream is checked by an {@link ObjectInputFilter} built from a pattern
 * (the syntax of {@link ObjectInputFilter.Config#createFilter(String)}).
 * <p>
 * The default pattern, {@link #DEFAULT_FILTER}, bounds graph depth, references, array sizes and stream size and
 * rejects the packages of well-known deserialization gadget chains; applications that know their attribute types
 * should narrow it to an allow-list ending in {@code !*}.
 * <p>
 * {@link String}, {@link Integer}, {@link Long}, {@link Boolean} and {@link Double} values, the most common
 * attributes, are written in a compact tagged form instead (one tag byte, then the value), which reads several
 * times faster; those harmless {@code java.lang} types are not submitted to the filter.
 */
public final class JdkSerializer implements AttributeSerializer {

    /** Limits and gadget-chain denials applied when no pattern is configured. */
    public static final String DEFAULT_FILTER = "maxdepth=64;maxrefs=1000000;maxarray=10000000;maxbytes=67108864;"
            + "!org.apache.commons.collections.functors.*;!org.apache.commons.collections4.functors.*;"
            + "!org.apache.commons.beanutils.*;!org.codehaus.groovy.runtime.*;!groovy.lang.*;"
            + "!org.springframework.beans.factory.*;!org.springframework.aop.*;"
            + "!com.sun.org.apache.xalan.internal.xsltc.trax.*;!org.apache.xalan.xsltc.trax.*;"
            + "!com.mchange.v2.c3p0.*;!org.hibernate.engine.spi.*;!com.sun.rowset.*;!javax.management.*;"
            + "!java.rmi.*;!sun.rmi.*;!javax.naming.*;!com.sun.jndi.*;!bsh.*;!org.python.core.*;"
            + "!clojure.*;!org.mozilla.javascript.*;!net.sf.json.*;!com.alibaba.fastjson.*";

    private final ObjectInputFilter filter;

    /** A serializer with {@link #DEFAULT_FILTER}. */
    public JdkSerializer() {
        this(DEFAULT_FILTER);
    }

    /**
     * @param filterPattern an {@link ObjectInputFilter} pattern; not {@code null}
     * @throws IllegalArgumentException if the pattern is malformed
     */
    public JdkSerializer(String filterPattern) {
        Objects.requireNonNull(filterPattern, "filterPattern");
        this.filter = ObjectInputFilter.Config.createFilter(filterPattern);
    }

    @Override
    public byte[] serialize(Object value) {
        byte[] compact = CompactValues.encode(value);
        if (compact != null) {
            return compact;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new SerializationException("not Serializable: " + e.getMessage(), value.getClass().getName(), e);
        } catch (IOException e) {
            throw new SerializationException("Java serialization failed: " + e, value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void checkType(Object value) {
        if (!(value instanceof Serializable)) {
            throw new SerializationException("not Serializable", value.getClass().getName(), null);
        }
    }

    @Override
    public Object deserialize(byte[] data, ClassLoader classLoader) {
        if (CompactValues.isCompact(data)) {
            return CompactValues.decode(data);
        }
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(data), classLoader)) {
            in.setObjectInputFilter(filter);
            Object value = in.readObject();
            if (value == null) {
                throw new SerializationException("stream holds null", null, null);
            }
            return value;
        } catch (ClassNotFoundException e) {
            throw new SerializationException("class not found: " + e.getMessage(), e.getMessage(), e);
        } catch (InvalidClassException e) {
            String reason = e.getMessage() != null && e.getMessage().contains("REJECTED")
                    ? "rejected by the ObjectInputFilter" : "incompatible class: " + e.getMessage();
            throw new SerializationException(reason, e.classname, e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("corrupt Java serialization stream: " + e, null, e);
        }
    }

    /** Resolves classes with a given class loader instead of the one that loaded this library. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private static final Map<String, Class<?>> PRIMITIVES = Map.of("boolean", boolean.class,
                "byte", byte.class, "char", char.class, "short", short.class, "int", int.class,
                "long", long.class, "float", float.class, "double", double.class, "void", void.class);

        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            Class<?> primitive = PRIMITIVES.get(desc.getName());
            return primitive != null ? primitive : Class.forName(desc.getName(), false, loader);
        }
    }
}
