package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebAppSpecTest {

    @Test
    void defaults() {
        WebAppSpec spec = WebAppSpec.builder().build();
        assertEquals("", spec.contextPath());
        assertEquals("ROOT", spec.displayName());
        assertNull(spec.filter());
        assertEquals(30, spec.sessionTimeoutMinutes());
        assertNull(spec.sessionCookie().name());
        assertEquals("", WebAppSpec.builder().contextPath("/").build().contextPath());
        assertEquals("shop", WebAppSpec.builder().contextPath("/shop").build().displayName());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> WebAppSpec.builder().contextPath("shop"));
        assertThrows(IllegalArgumentException.class, () -> WebAppSpec.builder().contextPath("/shop/"));
        assertThrows(IllegalArgumentException.class, () -> WebAppSpec.builder().servlet("s", new TestWebApps.AsyncServlet()));
        assertThrows(IllegalArgumentException.class, () -> WebAppSpec.builder().errorPage(404, "oops"));
        WebAppSpec.Builder twoFilters = WebAppSpec.builder().filter("f", TestWebApps.HeaderFilter.class, Map.of());
        assertThrows(IllegalStateException.class, () -> twoFilters.filter("g", TestWebApps.HeaderFilter.class, Map.of()));
        WebAppSpec.Builder twoServlets = WebAppSpec.builder().servlet("s", new TestWebApps.AsyncServlet(), "/a");
        assertThrows(IllegalArgumentException.class, () -> twoServlets.servlet("s", new TestWebApps.AsyncServlet(), "/b"));
        assertThrows(IllegalArgumentException.class, () -> new TomcatContainer(0));
        WebAppSpec root = WebAppSpec.builder().build();
        assertThrows(IllegalArgumentException.class, () -> new JettyContainer(0, root, root));
        assertThrows(IllegalArgumentException.class, () -> ServletContainers.create("glassfish", 0, root));
    }
}
