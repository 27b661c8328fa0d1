package dev.fairway.consent.filter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a subject identifier into a keyed pseudonym for audit records: the first 128 bits, in hex,
 * of HMAC-SHA256(key, subject). Without the key the pseudonym cannot be linked back to the person;
 * with it an auditor can find one person's decisions.
 *
 * <p>Thread-safety: immutable, safe to share between threads (each call uses its own {@link Mac}).
 */
public final class Pseudonymizer {
    private final SecretKeySpec key;

    /**
     * Creates a pseudonymizer.
     *
     * @param key the secret key, at least 16 bytes; copied
     * @return the pseudonymizer
     * @throws IllegalArgumentException if the key is shorter than 16 bytes
     */
    public static Pseudonymizer of(byte[] key) {
        return new Pseudonymizer(key);
    }

    private Pseudonymizer(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("key must be at least 16 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /**
     * Returns the pseudonym of a subject.
     *
     * @param subject the subject identifier
     * @return 32 lower-case hex digits
     */
    public String pseudonym(String subject) {
        Objects.requireNonNull(subject, "subject");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] out = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
