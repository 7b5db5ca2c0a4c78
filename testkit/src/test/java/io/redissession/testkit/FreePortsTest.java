package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPortWithBusPortLeavesRoomForTheClusterBus() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.nextWithBusPort();
            assertTrue(port >= 1024 && port <= 55535, () -> "port " + port);
            assertNotEquals(FreePorts.RESERVED_REDIS_PORT, port);
            assertTrue(seen.add(port) && seen.add(port + 10_000), () -> "port " + port + " or its bus port handed out twice");
            try (ServerSocket client = bind(port); ServerSocket bus = bind(port + 10_000)) {
                assertTrue(client.isBound() && bus.isBound());
            }
        }
        int plain = FreePorts.next();
        assertTrue(seen.add(plain), () -> "port " + plain + " handed out twice");
    }

    private static ServerSocket bind(int port) throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(FreePorts.loopback(), port));
        return socket;
    }
}
