package io.crmpulse.ingest;

import java.util.Set;

/** What a run did; {@link #line()} is the summary line of CONTRACT.md. */
public record IngestSummary(long read, long published, long rejected, long duplicates, Set<String> unmappedColumns) {

    public String line() {
        return "read " + read + ", published " + published + ", rejected " + rejected + ", duplicates " + duplicates;
    }
}
