package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MonitoredCommandTest {

    @Test
    void parsesAClientCommand() {
        MonitoredCommand command = MonitoredCommand.parse("1700000000.123456 [3 127.0.0.1:51234] \"hset\" \"k\" \"f\" \"v\"");
        assertEquals(1700000000.123456, command.timestamp(), 1e-6);
        assertEquals(3, command.db());
        assertEquals("127.0.0.1:51234", command.client());
        assertFalse(command.fromLua());
        assertEquals("HSET", command.name());
        assertEquals(List.of("k", "f", "v"), command.args());
        assertEquals("HSET k f v", command.line());
    }

    @Test
    void parsesAScriptCommandAndAnUnixSocketClient() {
        MonitoredCommand scripted = MonitoredCommand.parse("1700000000.000001 [0 lua] \"SET\" \"k\" \"v\"");
        assertTrue(scripted.fromLua());
        assertEquals("lua", scripted.client());
        assertEquals("unix:/tmp/r.sock", MonitoredCommand.parse("1.5 [0 unix:/tmp/r.sock] \"PING\"").client());
    }

    @Test
    void unescapesArguments() {
        MonitoredCommand command = MonitoredCommand.parse(
                "1.0 [0 127.0.0.1:1] \"SET\" \"a \\\"quoted\\\" \\\\ word\" \"line\\r\\n\\t\" \"caf\\xc3\\xa9\" \"\\xac\\xed\\x00\" \"\"");
        assertEquals(List.of("a \"quoted\" \\ word", "line\r\n\t", "café", "\\xac\\xed\\x00", ""), command.args());
    }

    @Test
    void rejectsOtherLines() {
        assertThrows(IllegalArgumentException.class, () -> MonitoredCommand.parse("OK"));
        assertThrows(IllegalArgumentException.class, () -> MonitoredCommand.parse("1.0 [0 lua] \"SET"));
        assertThrows(IllegalArgumentException.class, () -> MonitoredCommand.parse("x [0 lua] \"SET\""));
    }
}
