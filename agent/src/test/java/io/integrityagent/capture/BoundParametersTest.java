package io.integrityagent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BoundParametersTest {

    @Test
    void valuesAreKeptByIndexWithTheirTypes() {
        BoundParameters bound = new BoundParameters();
        bound.setInt(1, 7);
        bound.setLong(2, 1L << 40);
        bound.setDouble(3, 2.5);
        bound.setBoolean(4, true);
        bound.setObject(5, "x");
        bound.setNull(6);
        ParameterValues values = bound.snapshot();
        assertEquals(6, values.highestIndex());
        assertEquals(7, values.value(1));
        assertEquals(1L << 40, values.value(2));
        assertEquals(2.5, values.value(3));
        assertEquals(true, values.value(4));
        assertEquals("x", values.value(5));
        assertNull(values.value(6));
        assertSame(ParameterValues.UNSET, values.value(7));
    }

    @Test
    void snapshotDoesNotChangeWhenTheStatementIsReboundForTheNextBatchEntry() {
        BoundParameters bound = new BoundParameters();
        bound.setObject(1, "first");
        ParameterValues first = bound.snapshot();
        bound.setObject(1, "second");
        assertEquals("first", first.value(1));
    }

    @Test
    void clearForgetsEverything() {
        BoundParameters bound = new BoundParameters();
        bound.setObject(3, "x");
        bound.clear();
        assertEquals(0, bound.snapshot().highestIndex());
        assertFalse(bound.snapshot().isSet(3));
    }

    @Test
    void indexesOutsideTheBoundAreIgnored() {
        BoundParameters bound = new BoundParameters();
        bound.setObject(0, "zero");
        bound.setObject(BoundParameters.MAX_INDEX + 1, "too far");
        bound.setObject(BoundParameters.MAX_INDEX, "last kept");
        assertEquals(BoundParameters.MAX_INDEX, bound.snapshot().highestIndex());
    }
}
