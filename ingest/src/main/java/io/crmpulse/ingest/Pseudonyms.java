package io.crmpulse.ingest;

import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of personal values: HMAC-SHA256 under the hash key ({@code ingest.hash-key}), so that an event id
 * or a match key built from a phone number or a name can be compared, but not reversed by hashing every phone
 * number there is. Every ingest of one installation must use the same key, or the same person gets other hashes.
 */
public final class Pseudonyms {

    public static final int MIN_KEY_LENGTH = 24;
    /** Where the key is read when no file is named. */
    public static final String KEY_ENV = "PULSE_HASH_KEY";

    private final SecretKeySpec key;

    public Pseudonyms(String key) {
        if (key == null || key.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("the hash key needs at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(key.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * The key in {@code file} when one is named, else in {@value #KEY_ENV}, else none (null): a mapping that hashes
     * personal data is then refused before anything is read.
     */
    public static Pseudonyms configured(Path file) {
        try {
            if (file != null) {
                return new Pseudonyms(Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the hash key file " + file + ": " + e.getMessage(), e);
        }
        String env = System.getenv(KEY_ENV);
        return env == null || env.isBlank() ? null : new Pseudonyms(env);
    }

    /**
     * Refuses a mapping that hashes personal data ({@link Mapping#hashesPersonalData()}) when no key is configured,
     * saying how to configure one.
     */
    public static void check(Mapping mapping, String source, Pseudonyms pseudonyms) {
        if (mapping.hashesPersonalData() && pseudonyms == null) {
            throw new MappingException("mapping of source " + source + ": its " + (mapping.matchKey() != null ? "match_key" : "event_id hash")
                    + " is made from personal columns, which are hashed with a key: set " + KEY_ENV
                    + " or --hash-key-file (at least " + MIN_KEY_LENGTH + " characters, the same for every ingest)");
        }
    }

    /** The keyed hash of {@code parts} (joined by U+001F), as 32 hex digits. */
    public String of(List<String> parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** {@code value} as the match key compares it: one person written two ways gives one text. */
    public static String normalize(String value, Mapping.Normalization kind) {
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case PHONE -> {
                String digits = folded.replaceAll("[^0-9]", "");
                yield digits.startsWith("00") ? digits.substring(2) : digits;
            }
            case NAME -> folded.replaceAll("\\s+", " ");
            case TEXT -> folded;
        };
    }
}
