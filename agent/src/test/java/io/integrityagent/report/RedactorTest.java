package io.integrityagent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor(Pattern.compile("password|token", Pattern.CASE_INSENSITIVE));

    @Test
    void secretsAreMaskedWhereverTheyAppearInText() {
        String message = "Key (api_token)=(tok-123) already exists. Duplicate entry 'tok-123' for key 'uq'";
        assertEquals("Key (api_token)=(****) already exists. Duplicate entry '****' for key 'uq'",
                Redactor.maskAll(message, List.of("tok-123")));
    }

    @Test
    void shortSecretsAreMaskedOnlyAsWholeWords() {
        assertEquals("code 23505, value ****", Redactor.maskAll("code 23505, value 5", List.of("5")));
    }

    @Test
    void sensitiveColumnsAreRecognisedByName() {
        assertTrue(redactor.isSensitive("PASSWORD"));
        assertTrue(redactor.isSensitive("api_token"));
        assertFalse(redactor.isSensitive("email"));
        assertTrue(redactor.mentionsSensitive("UPDATE users SET password = ? WHERE id = ?"));
        assertFalse(redactor.mentionsSensitive("UPDATE users SET email = ? WHERE id = ?"));
    }
}
