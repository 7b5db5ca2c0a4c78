package io.redissession.tools;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteSizeTest {

    @Test
    void readsBytesAndBinaryUnits() {
        assertEquals(4096, ByteSize.parse("4096"));
        assertEquals(4096, ByteSize.parse("4k"));
        assertEquals(4096, ByteSize.parse("4KiB"));
        assertEquals(2L << 20, ByteSize.parse(" 2 MiB "));
        assertEquals(1L << 30, ByteSize.parse("1G"));
        assertEquals(10, ByteSize.parse("10b"));
    }

    @Test
    void refusesWhatIsNotASize() {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("2 apples"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999999G"));
    }
}
