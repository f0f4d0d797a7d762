package io.crmpulse.streams.lifecycle;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * One customer's values in the cells of one counter family (a cohort month, a repeat-purchase period, ...), derived
 * from its state; what an event changed is the difference between the cells after it and before it.
 *
 * @param <C> the cell, which knows its group and how a change of its value is counted
 * @param <V> the customer's value in a cell
 */
final class Cells<C extends Cells.Cell<V>, V> {

    /** A cell of a counter family in one group. */
    interface Cell<V> {

        String group();

        /**
         * The counter delta of a customer whose value in this cell went from {@code before} to {@code after} (null:
         * not in the cell), or null when that changes no count.
         */
        SpecificRecord change(V before, V after);
    }

    /** How many more a cell counts after than before for a family whose cells hold a count (null: not in the cell). */
    static long countChange(Long before, Long after) {
        return (after == null ? 0 : after) - (before == null ? 0 : before);
    }

    private final Map<C, V> values = new HashMap<>();

    void put(C cell, V value) {
        values.put(cell, value);
    }

    /** Each counter delta from {@code before} to these cells, with the group it counts in. */
    void forEachChangeSince(Cells<C, V> before, BiConsumer<String, SpecificRecord> delta) {
        values.forEach((cell, value) -> emit(cell, before.values.get(cell), value, delta));
        before.values.forEach((cell, value) -> {
            if (!values.containsKey(cell)) {
                emit(cell, value, null, delta);
            }
        });
    }

    private static <C extends Cell<V>, V> void emit(C cell, V before, V after, BiConsumer<String, SpecificRecord> delta) {
        SpecificRecord change = cell.change(before, after);
        if (change != null) {
            delta.accept(cell.group(), change);
        }
    }
}
