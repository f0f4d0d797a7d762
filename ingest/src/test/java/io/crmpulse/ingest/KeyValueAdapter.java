package io.crmpulse.ingest;

import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.read.SourceAdapter;
import io.crmpulse.ingest.read.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A custom adapter as a data engineer would write one: lines of {@code key=value} pairs separated by blanks. */
public final class KeyValueAdapter implements SourceAdapter {

    @Override
    public String format() {
        return "key-value";
    }

    @Override
    public Iterator<SourceRecord> read(Path file, Mapping mapping) throws IOException {
        List<SourceRecord> records = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Map<String, String> values = new LinkedHashMap<>();
            boolean ok = true;
            for (String pair : line.strip().split("\\s+")) {
                int eq = pair.indexOf('=');
                ok &= eq > 0;
                if (eq > 0) {
                    values.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            records.add(ok ? new SourceRecord(file.toString(), i + 1, values, line, null, List.of())
                    : SourceRecord.malformed(file.toString(), i + 1, line, "MALFORMED", "expected key=value pairs", List.of()));
        }
        return records.iterator();
    }
}
