package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSentinelGroupTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "my master", "master\nsentinel", "#name"})
    void startRejectsAMasterNameThatWouldBreakTheConfigurationFile(String name) {
        assertEquals("start: masterName [" + name + "] must match [A-Za-z0-9._-]+",
                assertThrows(IllegalArgumentException.class, () -> RedisSentinelGroup.start(name)).getMessage());
    }
}
