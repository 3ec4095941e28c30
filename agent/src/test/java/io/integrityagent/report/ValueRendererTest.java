package io.integrityagent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.integrityagent.capture.ParameterValues;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValueRendererTest {

    private final ValueRenderer renderer = new ValueRenderer(10, 2000);

    @Test
    void stringsAreQuotedLikeSqlLiterals() {
        assertEquals("'it''s'", renderer.render("it's"));
        assertEquals("42", renderer.render(42));
        assertEquals("9.99", renderer.render(new BigDecimal("9.99")));
        assertEquals("NULL", renderer.render(null));
        assertEquals("<unset>", renderer.render(ParameterValues.UNSET));
        assertEquals("<3 bytes>", renderer.render(new byte[3]));
    }

    @Test
    void longValuesAreTruncatedWithTheirLength() {
        assertEquals("'abcdefghij…(26 chars)'", renderer.render("abcdefghijklmnopqrstuvwxyz"));
    }

    /** Each output escapes them once, in its own format: escaped here too, a JSON event would show them twice. */
    @Test
    void controlCharactersAreLeftForEachOutputToEscape() {
        assertEquals("'a\nb\r\u001b'", renderer.render("a\nb\r\u001b"));
    }

    @Test
    void aValueWhoseToStringFailsIsDescribedInstead() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        assertEquals("'<" + hostile.getClass().getName() + ": toString failed>'",
                new ValueRenderer(200, 2000).render(hostile));
    }
}
