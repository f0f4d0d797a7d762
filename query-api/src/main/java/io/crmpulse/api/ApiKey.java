package io.crmpulse.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An API key as configured: a random salt and the SHA-256 of salt and key, never the key itself. {@code offices}
 * empty means every office (and the company-wide group); otherwise the key sees those offices only (CONTRACT.md,
 * Access).
 *
 * <p>One line of a keys file is {@code sha256:SALT:HASH ROLE [OFFICE,...]}. A salted SHA-256 and not a slow password
 * hash: keys are at least {@value #MIN_LENGTH} characters, generated from 32 random bytes by {@code pulse keys new}, so
 * there is no dictionary to try, and every request checks its key against every line.
 */
public record ApiKey(String salt, String hash, Role role, Set<String> offices) {

    /** Fewer characters than this are refused wherever a key is chosen (keys file lines, the demo key). */
    public static final int MIN_LENGTH = 24;
    private static final String SCHEME = "sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Role {
        VIEWER, ADMIN
    }

    public ApiKey {
        offices = Set.copyOf(offices);
    }

    /** A key with a new random salt. */
    public static ApiKey fromPlain(String key, Role role, Set<String> offices) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return new ApiKey(saltHex, digest(saltHex, key), role, offices);
    }

    /** A new key: 32 random bytes, URL-safe base64 (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Why {@code key} may not be used as an API key, or null when it may. */
    public static String weakness(String key) {
        return weakness(key, "an API key (pulse keys new makes one)");
    }

    /** Why {@code secret} may not serve as {@code what} (an API key, the instance secret), or null when it may. */
    public static String weakness(String secret, String what) {
        if (secret == null || secret.strip().length() < MIN_LENGTH) {
            return what + " needs at least " + MIN_LENGTH + " characters";
        }
        if (!secret.equals(secret.strip()) || secret.chars().anyMatch(Character::isWhitespace)) {
            return what + " may not contain blanks";
        }
        return null;
    }

    /** True when {@code plain} is this key; compares in constant time. */
    public boolean matches(String plain) {
        return MessageDigest.isEqual(digest(salt, plain).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * What records and answers name this key by (who posted a rating): the start of its salted hash, which says nothing
     * of the key itself.
     */
    public String id() {
        return "key-" + hash.substring(0, 12);
    }

    public boolean unscoped() {
        return offices.isEmpty();
    }

    public boolean mayRead(String office) {
        return unscoped() || offices.contains(office);
    }

    /** This key as a line of a keys file. */
    public String line() {
        return SCHEME + ":" + salt + ":" + hash + " " + role.name().toLowerCase(Locale.ROOT)
                + (offices.isEmpty() ? "" : " " + String.join(",", new TreeSet<>(offices)));
    }

    /** Reads one line of a keys file; the message of the exception says what is wrong with it. */
    public static ApiKey parseLine(String line) {
        String[] parts = line.strip().split("\\s+");
        String[] hashed = parts[0].split(":");
        if (hashed.length != 3 || !hashed[0].equals(SCHEME) || !hashed[1].matches("[0-9a-f]{32}") || !hashed[2].matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'" + abbreviate(parts[0]) + "' is not sha256:SALT:HASH (32 and 64 hex digits); "
                    + "keys are stored hashed: pulse keys new or pulse keys hash prints the line");
        }
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("expected 'sha256:SALT:HASH ROLE [OFFICE,...]', got " + parts.length + " fields");
        }
        Role role;
        try {
            role = Role.valueOf(parts[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role '" + parts[1] + "' is not viewer or admin");
        }
        Set<String> offices = parts.length == 3 ? Set.copyOf(Arrays.stream(parts[2].split(",")).filter(s -> !s.isBlank()).toList()) : Set.of();
        return new ApiKey(hashed[1], hashed[2], role, offices);
    }

    private static String abbreviate(String s) {
        // A plain key pasted by mistake must not end up in full in a log.
        return s.length() <= 12 ? s : s.substring(0, 12) + "…";
    }

    private static String digest(String salt, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HexFormat.of().parseHex(salt));
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
