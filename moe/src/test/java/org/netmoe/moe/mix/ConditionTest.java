package org.netmoe.moe.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionTest {
    @Test
    void theTextFormReadsAndWritesBackUnchanged() {
        assertEquals(Condition.ALWAYS, Condition.parse("always"));
        assertTrue(Condition.parse("always").isAlways());
        assertEquals(Condition.when("prize_collected"), Condition.parse("prize_collected"));
        assertEquals(Condition.unless("prize_collected"), Condition.parse("not:prize_collected"));
        for (String text : new String[] {"always", "far_user", "not:far_user"}) {
            assertEquals(text, Condition.parse(text).toString());
        }
        assertFalse(Condition.parse("far_user").negated());
        assertTrue(Condition.parse("not:far_user").negated());
    }

    @Test
    void aBadConditionIsRefusedWithItsText() {
        assertThrows(IllegalArgumentException.class, () -> Condition.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> Condition.parse(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Condition.parse("not:"));
        assertTrue(e.getMessage().contains("not:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("not:not:x"));
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("not:always"));
        assertThrows(IllegalArgumentException.class, () -> new Condition(null, true));
    }
}
