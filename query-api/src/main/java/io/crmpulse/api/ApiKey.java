package io.crmpulse.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * An API key as configured: only its SHA-256 is kept. {@code offices} empty means every office (and the
 * company-wide group); otherwise the key sees those offices only (CONTRACT.md, Access).
 */
public record ApiKey(String sha256, Role role, Set<String> offices) {

    public enum Role {
        VIEWER, ADMIN
    }

    public ApiKey {
        offices = Set.copyOf(offices);
    }

    public static ApiKey fromPlain(String key, Role role, Set<String> offices) {
        return new ApiKey(hash(key), role, offices);
    }

    public boolean unscoped() {
        return offices.isEmpty();
    }

    public boolean mayRead(String office) {
        return unscoped() || offices.contains(office);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
