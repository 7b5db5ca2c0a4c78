package io.redissession.servlet;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls Servlet 6.1's {@code sendRedirect(String, int, boolean)} on a response. This library compiles against
 * Servlet 6.0, which lacks it, so the call goes through reflection; only a 6.1 container, where the method exists,
 * ever makes it.
 */
final class Servlet61Redirects {

    private static final Method SEND_REDIRECT = lookUp();

    private Servlet61Redirects() {
    }

    private static Method lookUp() {
        try {
            return HttpServletResponse.class.getMethod("sendRedirect", String.class, int.class, boolean.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    static void sendRedirect(HttpServletResponse response, String location, int status, boolean clearBuffer)
            throws IOException {
        if (SEND_REDIRECT == null) {
            throw new UnsupportedOperationException("sendRedirect(String, int, boolean) needs a Servlet 6.1"
                    + " container");
        }
        try {
            SEND_REDIRECT.invoke(response, location, status, clearBuffer);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("sendRedirect(String, int, boolean) is not accessible", e);
        }
    }
}
