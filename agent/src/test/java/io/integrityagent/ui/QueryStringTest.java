package io.integrityagent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringTest {

    @Test
    void decodesPercentEncodedUtf8AndPlusAsSpace() {
        assertEquals(Map.of("token", "a b/ü", "flag", ""), QueryString.parse("token=a+b%2F%C3%BC&flag"));
        assertEquals(Map.of(), QueryString.parse(null));
        assertEquals(Map.of(), QueryString.parse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%", "q=%2", "q=%zz", "q=%+1", "q=%C3%28", "q=%FF", "q=\u00fc", "a=1&a=2"})
    void refusesWhatItWouldHaveToGuessAt(String query) {
        assertThrows(IllegalArgumentException.class, () -> QueryString.parse(query));
    }
}
