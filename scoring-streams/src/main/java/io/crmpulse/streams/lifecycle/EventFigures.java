package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.CustomerValue;
import java.math.BigDecimal;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * What of a customer only its events move, never stream time: its value for segmentation and its cohort, revenue,
 * repeat-purchase and complaint cells; of each, only what an event of the {@link Reach} at hand can change (null:
 * not derived).
 */
record EventFigures(CustomerValue value, Cells<Cohorts.Cell, Long> cohorts, Cells<Revenue.Cell, BigDecimal> revenue,
                    Cells<RepeatPurchase.Cell, Integer> repeat, ComplaintTally complaints) {

    /**
     * Which figures an event can move, so that the others are not derived twice for nothing: an order or customer
     * event any (an assignment moves a customer's cells in every group), a complaint event only complaint counts, a
     * contact none (its work is counted as it comes).
     */
    enum Reach {
        ALL, COMPLAINTS, NONE
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
