package org.netmoe.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerSizesTest {

    @Test
    void putsTheHiddenWidthsBetweenInputAndOutput() {
        assertArrayEquals(new int[] {3, 64, 32, 2}, LayerSizes.of(3, List.of(64, 32), 2));
        assertArrayEquals(new int[] {3, 2}, LayerSizes.of(3, List.of(), 2));
    }
}
