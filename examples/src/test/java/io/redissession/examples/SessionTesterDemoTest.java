package io.redissession.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Command line parsing of the demo and HTML escaping of the page. */
class SessionTesterDemoTest {

    @Test
    void portsComeFromArgumentsThenVariableThenDefaults() {
        assertArrayEquals(new int[] {9081, 9082, 9083}, SessionTesterDemo.ports(new String[] {"9081", "9082", "9083"}, "1,2,3"));
        assertArrayEquals(new int[] {9081, 9082, 9083}, SessionTesterDemo.ports(new String[] {"9081,9082,9083"}, null));
        assertArrayEquals(new int[] {7001, 7002, 7003}, SessionTesterDemo.ports(new String[0], " 7001, 7002 ,7003 "));
        assertArrayEquals(new int[] {8081, 8082, 8083}, SessionTesterDemo.ports(new String[0], " "));
    }

    @Test
    void badPortsAreNamed() {
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> SessionTesterDemo.ports(new String[] {"9081", "9082"}, null));
        assertTrue(tooFew.getMessage().contains("[9081,9082]"), tooFew.getMessage());
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> SessionTesterDemo.ports(new String[0], "8081,80a,8083"));
        assertTrue(notNumber.getMessage().contains("[80a]") && notNumber.getMessage().contains("DEMO_PORTS"),
                notNumber.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SessionTesterDemo.ports(new String[] {"8081", "8081", "8082"}, null));
        assertThrows(IllegalArgumentException.class, () -> SessionTesterDemo.ports(new String[] {"0", "8081", "8082"}, null));
        assertThrows(IllegalArgumentException.class, () -> SessionTesterDemo.ports(new String[] {"8081", "8082", "65536"}, null));
    }

    @Test
    void escapesEveryMarkupCharacter() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;", SessionTesterServlet.escape("<a href=\"x\">'&'</a>"));
        assertEquals("null", SessionTesterServlet.escape(null));
    }
}
