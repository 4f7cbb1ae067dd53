package org.netmoe.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckpointsTest {

    @Test
    void sha256HexMatchesTheFips180Vector() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Checkpoints.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void sha256HexHashesThePartsConcatenatedInOrder() {
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5};
        assertEquals(Checkpoints.sha256Hex(new byte[] {1, 2, 3, 4, 5}), Checkpoints.sha256Hex(a, b));
        assertEquals(Checkpoints.sha256Hex(new byte[] {4, 5, 1, 2, 3}), Checkpoints.sha256Hex(b, a));
    }
}
