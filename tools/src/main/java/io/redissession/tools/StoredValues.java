package io.redissession.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redissession.config.RedisSessionSettings;
import io.redissession.config.Serializers;
import io.redissession.serializer.AttributeSerializer;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Tells what a stored attribute value is: its type, read from the serialized form without loading any class (the
 * jdk serializer's compact tag or JDK serialization's class descriptor, the JSON serializer's {@code @class}), and,
 * when asked, its value decoded with the serializer the filter uses and the application's classes.
 */
final class StoredValues {

    /** The most characters of a value shown. */
    static final int MAX_TEXT = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The types of the jdk serializer's compact form, by its first byte (1 to 5). */
    private static final List<String> COMPACT_TYPES = List.of("java.lang.String", "java.lang.Integer",
            "java.lang.Long", "java.lang.Boolean", "java.lang.Double");

    /**
     * What a value is.
     *
     * @param type its class name, or {@code unknown}
     * @param bytes its serialized size
     * @param value its text ({@code toString()} of the decoded value, or the stored JSON), or {@code null} when not
     *        asked for or not readable
     * @param problem why the value could not be decoded, or {@code null}
     */
    record Value(String type, int bytes, String value, String problem) {
    }

    private final AttributeSerializer serializer;
    private final ClassLoader classes;

    /**
     * @param serializer the filter's {@code serializer} setting, or {@code null} to never decode
     * @param jsonAllowedTypes the filter's {@code jsonAllowedTypes}; not {@code null}
     * @param classes loads the application's classes; not {@code null}
     */
    StoredValues(String serializer, List<String> jsonAllowedTypes, ClassLoader classes) {
        this.classes = classes;
        this.serializer = serializer == null ? null : Serializers.create(RedisSessionSettings.builder()
                .redisEndpoint(io.redissession.config.RedisEndpoint.parse("redis://127.0.0.1:6379"))
                .sessionNamespace("redis-session-cli")
                .serializer(serializer)
                .jsonAllowedTypes(jsonAllowedTypes)
                .build(), classes);
    }

    /**
     * @param stored a serialized value; not {@code null}
     * @return its type and size, and its value if this reader decodes values
     */
    Value read(byte[] stored) {
        String type = typeOf(stored);
        if (serializer == null) {
            return new Value(type, stored.length, null, null);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classes);
        try {
            Object value = serializer.deserialize(stored, classes);
            return new Value(value == null ? type : value.getClass().getName(), stored.length,
                    shorten(String.valueOf(value)), null);
        } catch (RuntimeException | LinkageError e) {
            String json = isJson(stored) ? shorten(new String(stored, java.nio.charset.StandardCharsets.UTF_8)) : null;
            return new Value(type, stored.length, json, oneLine(e));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * @param stored a serialized value; not {@code null}
     * @return the class it holds, read from the bytes without loading a class, or {@code unknown}
     */
    static String typeOf(byte[] stored) {
        if (isJson(stored)) {
            try {
                JsonNode type = JSON.readTree(stored).get("@class");
                return type != null && type.isTextual() ? type.asText() : "unknown";
            } catch (IOException e) {
                return "unknown";
            }
        }
        if (stored.length > 0 && stored[0] >= 1 && stored[0] <= COMPACT_TYPES.size()) {
            return COMPACT_TYPES.get(stored[0] - 1);
        }
        return jdkTypeOf(stored);
    }

    private static String jdkTypeOf(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            if (in.readUnsignedShort() != 0xACED || in.readUnsignedShort() != 5) {
                return "unknown";
            }
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 0x74, 0x7C:
                    return "java.lang.String";
                case 0x70:
                    return "null";
                case 0x73, 0x75, 0x7E:
                    int descriptor = in.readUnsignedByte();
                    if (descriptor == 0x72) {
                        String name = in.readUTF();
                        return name.startsWith("[") ? arrayName(name) : name;
                    }
                    return descriptor == 0x7D ? "proxy" : "unknown";
                default:
                    return "unknown";
            }
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** @return a binary array name such as {@code [Ljava.lang.String;} as {@code java.lang.String[]} */
    private static String arrayName(String binary) {
        int dimensions = 0;
        while (dimensions < binary.length() && binary.charAt(dimensions) == '[') {
            dimensions++;
        }
        String element = binary.substring(dimensions);
        String base = switch (element) {
            case "B" -> "byte";
            case "C" -> "char";
            case "D" -> "double";
            case "F" -> "float";
            case "I" -> "int";
            case "J" -> "long";
            case "S" -> "short";
            case "Z" -> "boolean";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1) : element;
        };
        return base + "[]".repeat(dimensions);
    }

    private static boolean isJson(byte[] stored) {
        return stored.length > 0 && stored[0] == '{';
    }

    private static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "... (" + text.length() + " chars)";
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
