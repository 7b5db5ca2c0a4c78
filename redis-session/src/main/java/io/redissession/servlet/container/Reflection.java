package io.redissession.servlet.container;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/** Small reflective steps into container internals; any failure means "not this container". */
final class Reflection {

    private Reflection() {
    }

    /**
     * @return the value of the field {@code name} declared by the object's class or a superclass
     * @throws ReflectiveOperationException if there is no such field or it cannot be read
     */
    static Object field(Object target, String name) throws ReflectiveOperationException {
        Field field = findField(target.getClass(), name);
        return field.get(target);
    }

    /** Sets the field {@code name} declared by the object's class or a superclass. */
    static void setField(Object target, String name, Object value) throws ReflectiveOperationException {
        findField(target.getClass(), name).set(target, value);
    }

    /** @return the type of the field {@code name} */
    static Class<?> fieldType(Object target, String name) throws ReflectiveOperationException {
        return findField(target.getClass(), name).getType();
    }

    private static Field findField(Class<?> type, String name) throws ReflectiveOperationException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // try the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /**
     * Calls a public method by name and parameter types.
     *
     * @return its result
     * @throws ReflectiveOperationException if there is no such method or it fails
     */
    static Object call(Object target, String name, Class<?>[] types, Object... args)
            throws ReflectiveOperationException {
        Method method = target.getClass().getMethod(name, types);
        if (!method.canAccess(target)) {
            method.setAccessible(true);
        }
        return method.invoke(target, args);
    }

    /** Calls a public method without parameters. */
    static Object call(Object target, String name) throws ReflectiveOperationException {
        return call(target, name, new Class<?>[0]);
    }
}
