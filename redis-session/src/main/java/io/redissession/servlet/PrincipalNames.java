package io.redissession.servlet;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.logging.Logger;

/**
 * Reads a user name out of the value of the {@code principalAttribute}: a non-empty {@link String}; a
 * {@link Principal}; or a Spring Security {@code SecurityContext} (found by reflection, so no compile dependency):
 * the name of its authentication, unless it is anonymous. Anything else has no user name (reported once).
 */
final class PrincipalNames {

    private static final Logger LOG = Logger.getLogger(PrincipalNames.class.getName());
    private static volatile boolean reported;

    private PrincipalNames() {
    }

    /**
     * @param value the attribute's value; may be {@code null}
     * @return the user name, or {@code null} if the value names nobody
     */
    static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String name) {
            return name.isBlank() ? null : name;
        }
        if (value instanceof Principal principal) {
            return nonBlank(principal.getName());
        }
        Object authentication = call(value, "getAuthentication");
        if (authentication != null) {
            if (authentication.getClass().getName().endsWith("AnonymousAuthenticationToken")
                    || Boolean.FALSE.equals(call(authentication, "isAuthenticated"))) {
                return null;
            }
            Object name = call(authentication, "getName");
            return name instanceof String text ? nonBlank(text) : null;
        }
        if (!reported) {
            reported = true;
            LOG.warning("The principalAttribute holds a " + value.getClass().getName() + ", from which no user name"
                    + " can be read (a String, a java.security.Principal or a Spring Security SecurityContext can);"
                    + " its sessions get no user");
        }
        return null;
    }

    private static String nonBlank(String name) {
        return name == null || name.isBlank() ? null : name;
    }

    private static Object call(Object target, String method) {
        try {
            Method found = target.getClass().getMethod(method);
            return found.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
