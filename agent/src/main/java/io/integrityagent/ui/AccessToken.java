package io.integrityagent.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code ui.token} a request must present. Both sides are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, which takes the same time wherever they differ, so neither the time a wrong
 * guess takes nor its length tells anything about the token.
 */
final class AccessToken {

    private final byte[] digest;

    AccessToken(String token) {
        this.digest = sha256(token);
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
