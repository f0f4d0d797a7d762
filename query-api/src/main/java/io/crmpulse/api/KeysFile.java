package io.crmpulse.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A keys file: one hashed key a line ({@link ApiKey#line()}), blank lines and {@code #} comments allowed. */
public final class KeysFile {

    private KeysFile() {
    }

    /** The keys of {@code file}; the message of the exception names the file, the line and what is wrong. */
    public static List<ApiKey> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read keys file " + file + ": " + e.getMessage(), e);
        }
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                keys.add(ApiKey.parseLine(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys file " + file + " has no key; pulse keys new prints a line for one");
        }
        return keys;
    }
}
