package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class RedisBinaryIT {

    @Test
    void locatesAnExecutableThatReportsItsVersion() {
        Path binary = RedisBinary.locate();
        assertTrue(Files.isExecutable(binary), binary::toString);
        assertTrue(RedisBinary.version(binary).matches("\\d+\\.\\d+\\.\\d+"));
    }

    @Test
    void extractsTheShippedBinaryOnceAndReusesIt() throws Exception {
        String resource = RedisBinary.shippedResource();
        assertNotNull(resource, "no binary shipped for this platform");
        Path extracted = RedisBinary.extract(resource);
        assertEquals(Paths.get(System.getProperty("java.io.tmpdir"), "redis-session-testkit", resource), extracted);
        assertTrue(Files.isExecutable(extracted));
        assertTrue(RedisBinary.version(extracted).startsWith("6.2."));
        long modified = Files.getLastModifiedTime(extracted).toMillis();
        Thread.sleep(20);
        assertEquals(extracted, RedisBinary.extract(resource));
        assertEquals(modified, Files.getLastModifiedTime(extracted).toMillis());
    }
}
