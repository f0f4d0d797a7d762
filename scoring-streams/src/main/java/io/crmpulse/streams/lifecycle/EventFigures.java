package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.CustomerValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * What of a customer only its events move, never stream time: its value for segmentation and its cohort, revenue,
 * repeat-purchase and complaint cells; of each, only what the event at hand can change ({@link Scope}; null: not
 * derived).
 */
record EventFigures(CustomerValue value, Cells<Cohorts.Cell, Long> cohorts, Cells<Revenue.Cell, BigDecimal> revenue,
                    Cells<RepeatPurchase.Cell, Integer> repeat, ComplaintTally complaints) {

    /**
     * What an event can change, decided before it is applied, so that nothing else is derived for it (twice: before
     * and after).
     *
     * @param everything every cell: the event moves an assignment (a customer's groups at some instants) or may move
     *                   its acquisition (its first activity)
     * @param instants   otherwise, the activity instants it adds or removes: the cells of their days' periods and
     *                   months, in the groups the customer has at them
     * @param months     otherwise, the months whose revenue it changes
     * @param complaints whether complaint counts can change (a complaint event, or an assignment moved)
     */
    record Scope(boolean everything, Set<Long> instants, Set<LocalDate> months, boolean complaints) {

        /** An event that changes none of these figures (a contact, an assignment that moves nothing). */
        static final Scope NONE = new Scope(false, Set.of(), Set.of(), false);
        static final Scope COMPLAINTS = new Scope(false, Set.of(), Set.of(), true);
        static final Scope EVERYTHING = new Scope(true, Set.of(), Set.of(), true);

        /** Whether any cell or the customer's value can change. */
        boolean cells() {
            return everything || !instants.isEmpty() || !months.isEmpty();
        }
    }

    /** Each counter delta from {@code before} to these figures, with the group it counts in. */
    void forEachChangeSince(EventFigures before, BiConsumer<String, SpecificRecord> delta) {
        if (cohorts != null) {
            cohorts.forEachChangeSince(before.cohorts, delta);
            revenue.forEachChangeSince(before.revenue, delta);
            repeat.forEachChangeSince(before.repeat, delta);
        }
        if (complaints != null) {
            complaints.minus(before.complaints).forEach(delta::accept);
        }
    }
}
