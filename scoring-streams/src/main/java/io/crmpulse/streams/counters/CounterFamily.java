package io.crmpulse.streams.counters;

import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import org.apache.avro.specific.SpecificRecord;

/**
 * One family of counters the lifecycle keeps per group: its delta type, the cell a delta of a group adds to (the
 * counter store's key, e.g. {@code GROUP|YYYY-MM-DD}), and how two deltas of one cell, or a total and a delta, add up.
 * The sum is associative and commutative, so deltas may be added up in any grouping and order (the lifecycle adds
 * up those of many events before sending them) and the totals come out the same.
 */
public record CounterFamily<V extends SpecificRecord>(Class<V> type, BiFunction<String, V, String> cell, BinaryOperator<V> plus) {

    /** The cell {@code delta}, which must be of this family, adds to in {@code group}. */
    public String cellOf(String group, SpecificRecord delta) {
        return cell.apply(group, type.cast(delta));
    }

    /** The sum of two deltas (or a total and a delta) of one cell of this family. */
    public V sum(SpecificRecord a, SpecificRecord b) {
        return plus.apply(type.cast(a), type.cast(b));
    }
}
