package io.crmpulse.api;

import io.crmpulse.records.CustomerFlows;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Reads what the streams keep for the API, wherever it lives. Every method may throw
 * {@link ApiErrors.Unavailable} while stores are migrating or restoring.
 */
public interface FiguresSource {

    /** Per-day counters of one group ({@code all}, {@code office:ID}, ...); empty when the group has none. */
    Map<LocalDate, CustomerFlows> days(String group);

    /** Every group of a dimension that has counters, e.g. {@code office:BJ}, {@code office:SH}. */
    SortedSet<String> groups(String dimension);

    /** Stream time up to which every transition is published; empty before the first event. */
    Optional<Instant> asOf();

    /** True when the streams are running and their stores can be queried. */
    boolean ready();

    /** What is wrong when not ready, for the health answer. */
    String state();
}
