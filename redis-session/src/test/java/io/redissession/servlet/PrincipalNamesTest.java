package io.redissession.servlet;

import org.junit.jupiter.api.Test;

import java.security.Principal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PrincipalNamesTest {

    /** The shape of Spring Security's {@code SecurityContextImpl}, without Spring. */
    public static final class SecurityContext {
        private final Object authentication;

        SecurityContext(Object authentication) {
            this.authentication = authentication;
        }

        public Object getAuthentication() {
            return authentication;
        }
    }

    /** The shape of Spring Security's {@code UsernamePasswordAuthenticationToken}. */
    public static final class UsernamePasswordAuthenticationToken {
        private final String name;
        private final boolean authenticated;

        UsernamePasswordAuthenticationToken(String name, boolean authenticated) {
            this.name = name;
            this.authenticated = authenticated;
        }

        public String getName() {
            return name;
        }

        public boolean isAuthenticated() {
            return authenticated;
        }
    }

    /** The shape of Spring Security's anonymous token. */
    public static final class AnonymousAuthenticationToken {
        public String getName() {
            return "anonymousUser";
        }
    }

    @Test
    void readsStringsPrincipalsAndSecurityContexts() {
        assertEquals("alice", PrincipalNames.of("alice"));
        assertEquals("bob", PrincipalNames.of((Principal) () -> "bob"));
        assertEquals("carol", PrincipalNames.of(new SecurityContext(new UsernamePasswordAuthenticationToken("carol",
                true))));
    }

    @Test
    void namesNobodyForBlankAnonymousUnauthenticatedOrOtherValues() {
        assertNull(PrincipalNames.of(null));
        assertNull(PrincipalNames.of(" "));
        assertNull(PrincipalNames.of((Principal) () -> ""));
        assertNull(PrincipalNames.of(new SecurityContext(new AnonymousAuthenticationToken())));
        assertNull(PrincipalNames.of(new SecurityContext(new UsernamePasswordAuthenticationToken("dave", false))));
        assertNull(PrincipalNames.of(new SecurityContext(null)));
        assertNull(PrincipalNames.of(42));
    }
}
