package io.redissession.config;

import io.redissession.serializer.AttributeSerializer;
import io.redissession.serializer.JdkSerializer;
import io.redissession.serializer.JsonSerializer;

/** Builds the {@link AttributeSerializer} named by the {@code serializer} setting. */
public final class Serializers {

    private static final String ACCEPTED = "jdk, json, or the class name of an "
            + AttributeSerializer.class.getName() + " with a public no-argument constructor";

    private Serializers() {
    }

    /**
     * @param settings the settings; not {@code null}
     * @param classLoader loads a custom serializer class; not {@code null}
     * @return the serializer
     * @throws InvalidSettingException if a custom serializer class cannot be used
     */
    public static AttributeSerializer create(RedisSessionSettings settings, ClassLoader classLoader) {
        String name = settings.serializer();
        switch (name) {
            case "jdk":
                return new JdkSerializer(settings.jdkFilter());
            case "json":
                return new JsonSerializer(settings.jsonAllowedTypes());
            default:
                return custom(name, classLoader);
        }
    }

    private static AttributeSerializer custom(String className, ClassLoader classLoader) {
        try {
            Class<?> type = Class.forName(className, true, classLoader);
            if (!AttributeSerializer.class.isAssignableFrom(type)) {
                throw new InvalidSettingException("serializer", className, null,
                        "the class does not implement " + AttributeSerializer.class.getName() + "; " + ACCEPTED);
            }
            return (AttributeSerializer) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new InvalidSettingException("serializer", className, null,
                    "cannot instantiate it (" + e + "); " + ACCEPTED);
        }
    }
}
