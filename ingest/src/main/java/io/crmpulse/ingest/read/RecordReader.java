package io.crmpulse.ingest.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.ingest.Reason;
import io.crmpulse.ingest.mapping.Mapping;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one file as {@link SourceRecord}s: CSV (commons-csv), runs-of-blanks text, or JSON lines; a
 * file ending in {@code .gz} is read through gzip. Bytes that are not valid in the mapping's encoding
 * make that record MALFORMED_ENCODING instead of silently turning into replacement characters.
 */
public abstract class RecordReader implements Iterator<SourceRecord>, Closeable {

    private static final char REPLACEMENT = '\uFFFD';
    private static final ObjectMapper JSON = new ObjectMapper();

    protected final String file;
    private SourceRecord next;
    private CountingInputStream bytes = new CountingInputStream(InputStream.nullInputStream());

    protected RecordReader(String file) {
        this.file = file;
    }

    public static RecordReader open(Path path, Mapping mapping) throws IOException {
        if (mapping.format() == Mapping.Format.CUSTOM) {
            SourceAdapter adapter = SourceAdapter.named(mapping.adapter())
                    .orElseThrow(() -> new IllegalStateException("the adapter for format " + mapping.adapter() + " is no longer installed"));
            return new Adapted(path.toString(), adapter.read(path, mapping));
        }
        CountingInputStream counted = new CountingInputStream(Files.newInputStream(path));
        InputStream in = counted;
        if (path.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        var decoder = mapping.csv().encoding().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        RecordReader opened = over(path.toString(), new InputStreamReader(in, decoder), mapping);
        opened.bytes = counted;
        return opened;
    }

    /** Records of {@code text}, read as the mapping's format says; {@code name} is what they report as their file. */
    public static RecordReader over(String name, java.io.Reader text, Mapping mapping) {
        BufferedReader reader = new BufferedReader(text, 1 << 16);
        if (mapping.format() == Mapping.Format.JSONL) {
            return new JsonLines(name, reader);
        }
        return mapping.csv().delimiter() == null ? new Blanks(name, reader, mapping) : new Csv(name, reader, mapping);
    }

    /**
     * The text of a file holding just {@code raw}, a record that was read under {@code columns}: with the
     * header line first when the mapping expects one.
     */
    public static String asFile(String raw, List<String> columns, Mapping mapping) {
        if (mapping.format() == Mapping.Format.JSONL || !mapping.csv().header() || columns.isEmpty()) {
            return raw + "\n";
        }
        Character delimiter = mapping.csv().delimiter();
        String header = delimiter == null ? String.join(" ", columns)
                : CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().format(columns.toArray());
        return header + "\n" + raw + "\n";
    }

    /** Bytes taken from the file so far (compressed bytes for .gz): progress against the file's size. */
    public long bytesRead() {
        return bytes.count;
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** A JSON object's top-level fields as columns; nested values as their JSON text, nulls as empty. */
    public static Map<String, String> valuesOf(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(),
                e.getValue().isNull() ? null : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return values;
    }

    /** The next record, or null at the end. */
    protected abstract SourceRecord read() throws IOException;

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = read();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return next != null;
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceRecord r = next;
        next = null;
        return r;
    }

    protected SourceRecord record(long line, Map<String, String> values, String raw, List<String> names) {
        if (raw.indexOf(REPLACEMENT) >= 0) {
            return SourceRecord.malformed(file, line, raw, Reason.MALFORMED_ENCODING.name(),
                    "bytes that are not valid in the mapping's encoding (csv.encoding)", names);
        }
        return new SourceRecord(file, line, values, raw, null, names);
    }

    private List<String> indexedNames;
    private Map<String, Integer> nameIndex;

    protected SourceRecord columns(long line, List<String> names, List<String> cells, String raw) {
        if (cells.size() != names.size()) {
            return SourceRecord.malformed(file, line, raw, Reason.MALFORMED.name(),
                    "expected " + names.size() + " columns " + names + ", found " + cells.size(), names);
        }
        if (names != indexedNames) {
            nameIndex = ColumnValues.indexOf(names);
            indexedNames = names;
        }
        return record(line, new ColumnValues(nameIndex, cells), raw, names);
    }

    /**
     * CSV by commons-csv, one record at a time. A quoted field may span lines, so physical lines are
     * joined while quotes are unbalanced, for at most {@value #MAX_RECORD_LINES} lines; a quote that
     * never closes makes its first line MALFORMED and reading resumes on the next line, so one bad
     * quote never swallows the rest of a file.
     */
    private static final class Csv extends RecordReader {
        static final int MAX_RECORD_LINES = 100;
        private final BufferedReader reader;
        private final CSVFormat format;
        private final char delimiter;
        private final java.util.ArrayDeque<String> pushedBack = new java.util.ArrayDeque<>();
        private List<String> names;
        private long line;

        Csv(String file, BufferedReader reader, Mapping mapping) {
            super(file);
            this.reader = reader;
            this.delimiter = mapping.csv().delimiter();
            this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
            this.names = mapping.csv().header() ? null : mapping.columns();
        }

        private String nextLine() throws IOException {
            String text = pushedBack.isEmpty() ? reader.readLine() : pushedBack.pollFirst();
            if (text != null) {
                line++;
            }
            return text;
        }

        @Override
        protected SourceRecord read() throws IOException {
            for (String first = nextLine(); first != null; first = nextLine()) {
                if (first.isBlank()) {
                    continue;
                }
                long start = line;
                StringBuilder text = new StringBuilder(first);
                List<String> joined = new ArrayList<>();
                boolean quoted = text.indexOf("\"") >= 0;
                while (quoted && unbalanced(text) && joined.size() < MAX_RECORD_LINES) {
                    String more = nextLine();
                    if (more == null) {
                        break;
                    }
                    joined.add(more);
                    text.append('\n').append(more);
                }
                if (quoted && unbalanced(text)) {
                    for (int i = joined.size() - 1; i >= 0; i--) {
                        pushedBack.addFirst(joined.get(i));
                    }
                    line = start;
                    return SourceRecord.malformed(file, start, first, Reason.MALFORMED.name(),
                            "a quoted field is not closed (within " + MAX_RECORD_LINES + " lines)", columnNames());
                }
                List<String> cells;
                if (!quoted) {
                    // Without quotes a CSV record is exactly its delimiter-separated cells (RFC 4180); the
                    // full parser is kept for the lines that need it.
                    cells = split(text.toString(), delimiter);
                } else {
                    try (CSVParser parser = CSVParser.parse(text.toString(), format)) {
                        List<CSVRecord> records = parser.getRecords();
                        cells = records.isEmpty() ? List.of() : records.get(0).toList();
                    } catch (IOException | UncheckedIOException | IllegalStateException e) {
                        return SourceRecord.malformed(file, start, text.toString(), Reason.MALFORMED.name(), "not valid CSV: " + e.getMessage(),
                                columnNames());
                    }
                }
                if (names == null) {
                    // Exports from spreadsheet tools often start with a byte-order mark.
                    names = cells.stream().map(c -> c.startsWith("\uFEFF") ? c.substring(1) : c).toList();
                    continue;
                }
                return columns(start, names, cells, text.toString());
            }
            return null;
        }

        private static List<String> split(String line, char delimiter) {
            List<String> cells = new ArrayList<>();
            int from = 0;
            for (int at = line.indexOf(delimiter); at >= 0; at = line.indexOf(delimiter, from)) {
                cells.add(line.substring(from, at));
                from = at + 1;
            }
            cells.add(line.substring(from));
            return cells;
        }

        private List<String> columnNames() {
            return names == null ? List.of() : names;
        }

        private static boolean unbalanced(CharSequence text) {
            int quotes = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '"') {
                    quotes++;
                }
            }
            return quotes % 2 == 1;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Records from a {@link SourceAdapter}. */
    private static final class Adapted extends RecordReader {
        private final java.util.Iterator<SourceRecord> records;

        Adapted(String file, java.util.Iterator<SourceRecord> records) {
            super(file);
            this.records = records;
        }

        @Override
        protected SourceRecord read() {
            return records.hasNext() ? records.next() : null;
        }

        @Override
        public void close() throws IOException {
            if (records instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }
    }

    /** Columns separated by runs of blanks, as in the CDNOW files; blank lines are skipped. */
    private static final class Blanks extends RecordReader {
        private final BufferedReader reader;
        private List<String> names;
        private long line;

        Blanks(String file, BufferedReader reader, Mapping mapping) {
            super(file);
            this.reader = reader;
            this.names = mapping.csv().header() ? null : mapping.columns();
        }

        @Override
        protected SourceRecord read() throws IOException {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                String stripped = text.strip();
                if (stripped.isEmpty()) {
                    continue;
                }
                List<String> cells = List.of(stripped.split("\\s+"));
                if (names == null) {
                    names = cells;
                    continue;
                }
                return columns(line, names, cells, text);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** One JSON object per line; its top-level fields are the columns (nested values as JSON text). */
    private static final class JsonLines extends RecordReader {
        private final BufferedReader reader;
        private long line;

        JsonLines(String file, BufferedReader reader) {
            super(file);
            this.reader = reader;
        }

        @Override
        protected SourceRecord read() throws IOException {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    return SourceRecord.malformed(file, line, text, Reason.MALFORMED.name(),
                            "not valid JSON: " + e.getOriginalMessage(), List.of());
                }
                if (node == null || !node.isObject()) {
                    return SourceRecord.malformed(file, line, text, Reason.MALFORMED.name(), "expected a JSON object on each line", List.of());
                }
                return record(line, valuesOf(node), text, List.of());
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
