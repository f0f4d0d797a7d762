package io.crmpulse.ingest;

import java.util.Set;

/**
 * What a run did; {@link #line()} is the summary line of CONTRACT.md. {@code resumedPast} counts the
 * records a resumed run skipped because an earlier run had already delivered them.
 */
public record IngestSummary(long read, long published, long rejected, long duplicates, long resumedPast, Set<String> unmappedColumns) {

    public String line() {
        return "read " + read + ", published " + published + ", rejected " + rejected + ", duplicates " + duplicates;
    }
}
