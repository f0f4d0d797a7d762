package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.CohortCell;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.records.RevenueCell;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The counter deltas of a customer's cells that an event changed: each family's cells before and after it, as
 * {@link CustomerHistory} derives them, and the difference added to the {@link DeltaBuffer}. A cell missing on one
 * side counts nothing there.
 */
final class CellChanges {

    private final DeltaBuffer deltas;

    CellChanges(DeltaBuffer deltas) {
        this.deltas = deltas;
    }

    /** Cohort cells (a late first order moves a customer to another cohort). */
    void cohorts(Map<List<Object>, Long> before, Map<List<Object>, Long> after) {
        forEachChange(before, after, (cell, n) -> deltas.add((String) cell.get(0),
                new CohortCell((LocalDate) cell.get(1), (LocalDate) cell.get(2), n)));
    }

    /** Revenue cohort cells (a payment, a refund, or a late first order moving the cohort). */
    void revenue(Map<List<Object>, BigDecimal> before, Map<List<Object>, BigDecimal> after) {
        Map<List<Object>, BigDecimal> delta = new HashMap<>(after);
        before.forEach((cell, amount) -> delta.merge(cell, amount.negate(), BigDecimal::add));
        delta.forEach((cell, amount) -> {
            if (amount.signum() != 0) {
                deltas.add((String) cell.get(0), new RevenueCell((LocalDate) cell.get(1), (LocalDate) cell.get(2), amount));
            }
        });
    }

    /** Repeat-purchase cells: 1 is active, 2 active with repeat purchase. */
    void activity(Map<List<String>, Integer> before, Map<List<String>, Integer> after) {
        Set<List<String>> cells = new HashSet<>(before.keySet());
        cells.addAll(after.keySet());
        for (List<String> cell : cells) {
            int was = before.getOrDefault(cell, 0);
            int is = after.getOrDefault(cell, 0);
            if (was != is) {
                long active = Integer.signum(is) - Integer.signum(was);
                long repeat = (is == 2 ? 1 : 0) - (was == 2 ? 1 : 0);
                deltas.add(cell.get(0), new ActivityCell(cell.get(1), active, repeat));
            }
        }
    }

    /** The weeks and months in which the customer counts as contacted in a group. */
    void covered(Map<List<String>, Long> before, Map<List<String>, Long> after) {
        forEachChange(before, after, (cell, n) -> deltas.add(cell.get(0), new CoveredCell(cell.get(1), n)));
    }

    /** Each cell whose count differs between {@code before} and {@code after}, with the difference. */
    private static <K> void forEachChange(Map<K, Long> before, Map<K, Long> after, BiConsumer<K, Long> change) {
        Map<K, Long> delta = new HashMap<>(after);
        before.forEach((cell, n) -> delta.merge(cell, -n, Long::sum));
        delta.forEach((cell, n) -> {
            if (n != 0) {
                change.accept(cell, n);
            }
        });
    }
}
