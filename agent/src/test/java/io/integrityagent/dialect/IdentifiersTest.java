package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void quotedNamesLoseTheirQuotesAndKeepDoubledOnesAsOne() {
        assertEquals("My Table", Identifiers.unquoted("\"My Table\""));
        assertEquals("say \"hi\"", Identifiers.unquoted("\"say \"\"hi\"\"\""));
        assertEquals("PLAIN", Identifiers.unquoted("PLAIN"));
    }

    @Test
    void lastPartOfAQuotedQualifiedNameIsTheName() {
        assertEquals("PARENT", Identifiers.lastOfQuoted("\"APP\".\"PARENT\""));
        assertEquals("a.b", Identifiers.lastOfQuoted("\"S\".\"a.b\""));
        assertEquals("x\"y", Identifiers.lastOfQuoted("\"S\".\"x\"\"y\""));
    }

    @Test
    void unquotedNameIsOnePartEvenWithADot() {
        assertEquals("My.Table", Identifiers.lastOfQuoted("My.Table"));
    }

    @Test
    void onlyRegularIdentifiersFoldToUpperCase() {
        assertEquals("ORDERS", Identifiers.foldedToUpperCase("orders"));
        assertEquals("my table", Identifiers.foldedToUpperCase("my table"));
    }
}
