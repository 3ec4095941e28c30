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
    void theStartOfALongSecretThatADatabaseCutShortIsMaskedToo() {
        String token = "tok-" + "0123456789abcdef".repeat(6);
        String mariadb = "Duplicate entry '" + token.substring(0, 61) + "...' for key 'uq_api_clients_token'";
        assertEquals("Duplicate entry '****...' for key 'uq_api_clients_token'",
                Redactor.maskAll(mariadb, List.of(token)));
        String composite = "Duplicate entry '7-" + token.substring(0, 59) + "...' for key 'uq_client_key'";
        assertEquals("Duplicate entry '7-****...' for key 'uq_client_key'", Redactor.maskAll(composite, List.of(token)));
        String ellipsis = "value " + token.substring(0, 10) + "\u2026 rejected";
        assertEquals("value ****\u2026 rejected", Redactor.maskAll(ellipsis, List.of(token)));
    }

    @Test
    void aLongStartOfASecretIsMaskedEvenWithoutACutMark() {
        String secret = "s".repeat(300);
        String mysql = "Duplicate entry '" + secret.substring(0, 192) + "' for key 'users.uq_users_secret'";
        assertEquals("Duplicate entry '****' for key 'users.uq_users_secret'", Redactor.maskAll(mysql, List.of(secret)));
    }

    @Test
    void aShortSharedStartWithoutACutMarkIsNotMasked() {
        assertEquals("key tok-other and tok-abc", Redactor.maskAll("key tok-other and tok-abc",
                List.of("tok-abcdef0123456789")));
    }

    @Test
    void anEchoOfTheStartOfASecretIsMaskedWhenItStandsOnItsOwn() {
        // MariaDB, UNIQUE KEY (email, api_token(6)): the key value printed holds only the token's first 6 characters.
        assertEquals("Duplicate entry 'b4@x-****' for key 'k'",
                Redactor.maskEchoes("Duplicate entry 'b4@x-ZQXb4t' for key 'k'", List.of("ZQXb4tQ81rT")));
        assertEquals("Duplicate entry '7-****' for key 'k'",
                Redactor.maskEchoes("Duplicate entry '7-Q8' for key 'k'", List.of("Q8x1")));
    }

    @Test
    void anEchoSharingOnlyTheStartOfASecretInsideALongerWordIsKept() {
        assertEquals("Duplicate entry 'tok-other' for key 'k'",
                Redactor.maskEchoes("Duplicate entry 'tok-other' for key 'k'", List.of("tok-9f8e7d6c")));
    }

    @Test
    void textTheAgentWroteIsNotMaskedForAStartOfASecret() {
        assertEquals("a row with ZQXb4t exists", Redactor.maskAll("a row with ZQXb4t exists", List.of("ZQXb4tQ81r")));
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
