package dev.fairway.guard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed, rotatable pseudonym of a subject id, written with each decision instead of the id:
 * the lower-case hex HMAC-SHA256 (RFC 2104, FIPS 198-1) of the id's UTF-8 bytes under a key the
 * service supplies, beside the key's id. The service that holds the key can answer "which
 * decisions were made about me" (compute the person's pseudonym under each key id and look it up)
 * and erase them; without the key the pseudonym reveals nothing about the id. Rotate by giving the
 * guard a new pseudonym with a new key id ({@link Guard#pseudonyms(SubjectPseudonym)}); lines
 * already written keep their key id.
 *
 * <p>Thread-safety: immutable and safe to share (each thread uses its own {@link Mac}).
 */
public final class SubjectPseudonym {
    /** The fewest key bytes accepted: 32, the output size of SHA-256 (RFC 2104 section 3). */
    public static final int MIN_KEY_BYTES = 32;

    private final String keyId;
    private final byte[] key;
    private final ThreadLocal<Mac> macs;

    private SubjectPseudonym(String keyId, byte[] key) {
        this.keyId = keyId;
        this.key = key;
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        });
    }

    /**
     * Makes a pseudonym function.
     *
     * @param keyId the key's id written beside each pseudonym, such as {@code 2026-12}; 1 to 64
     *     characters of {@code A-Z a-z 0-9 . _ -}
     * @param key the secret key, at least {@link #MIN_KEY_BYTES} bytes (copied)
     * @return the pseudonym function
     * @throws IllegalArgumentException if the key id or the key is not as described
     */
    public static SubjectPseudonym hmacSha256(String keyId, byte[] key) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        if (!keyId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("keyId must be 1 to 64 characters of A-Z a-z 0-9 . _ -, got '"
                    + (keyId.length() > 64 ? keyId.substring(0, 64) + "..." : keyId) + "'");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("key must have at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
        }
        SubjectPseudonym p = new SubjectPseudonym(keyId, key.clone());
        try {
            Mac.getInstance("HmacSHA256").init(new SecretKeySpec(p.key, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("key is not usable for HmacSHA256: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
        return p;
    }

    /**
     * Returns the key's id.
     *
     * @return the key id
     */
    public String keyId() {
        return keyId;
    }

    /**
     * Computes a subject's pseudonym.
     *
     * @param subject the subject id
     * @return 64 lower-case hex digits
     * @throws NullPointerException if subject is null
     */
    public String of(String subject) {
        Objects.requireNonNull(subject, "subject");
        byte[] mac = macs.get().doFinal(subject.getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[mac.length * 2];
        for (int i = 0; i < mac.length; i++) {
            hex[2 * i] = Character.forDigit((mac[i] >> 4) & 0xF, 16);
            hex[2 * i + 1] = Character.forDigit(mac[i] & 0xF, 16);
        }
        return new String(hex);
    }

    @Override
    public String toString() {
        return "SubjectPseudonym[HMAC-SHA256, key " + keyId + ", " + key.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectPseudonym p && p.keyId.equals(keyId) && Arrays.equals(p.key, key);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }
}
