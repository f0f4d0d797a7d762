package io.crmpulse.streams.counters;

import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Contact activity (METRICS.md section 5). Contact work per group and day: visits, revisits, other contacts,
 * reminders set and customer records completed, from which every week and month is a sum over days (input:
 * deltas keyed by group, repartitioned through {@code <application.id>-contact-deltas-repartition}; store:
 * {@link StoreNames#CONTACT_COUNTERS}, key {@code GROUP|YYYY-MM-DD}). Customers contacted per group, week
 * and month, which is no sum over days (input: one delta per customer, group and period the first time the
 * group contacts it there, through {@code <application.id>-contacted-deltas-repartition}; store:
 * {@link StoreNames#CONTACTED_COUNTERS}, key {@code GROUP|LABEL}). Per week and month, the customers of the group
 * (those it belongs to) contacted in it (through {@code <application.id>-covered-deltas-repartition}; store
 * {@link StoreNames#COVERED_COUNTERS}, key {@code GROUP|LABEL}); the conditions that ask for a contact travel with
 * the daily flows ({@link DailyCountersTopology}).
 */
public final class ContactCountersTopology {

    private final SerdeFactory serdes;

    public ContactCountersTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, ContactDay> deltasByGroup, KStream<String, ContactedCell> contactedByGroup,
                      KStream<String, CoveredCell> coveredByGroup) {
        new SummingCounters<>(ContactDay.class, StoreNames.CONTACT_COUNTERS, StoreNames.CONTACT_DELTAS_REPARTITION, "contact-counters",
                (group, delta) -> Groups.dayKey(group, delta.getDay()),
                (total, delta) -> new ContactDay(total.getDay(), total.getVisits() + delta.getVisits(), total.getRevisits() + delta.getRevisits(),
                        total.getOtherContacts() + delta.getOtherContacts(), total.getFollowUpsSet() + delta.getFollowUpsSet(),
                        total.getRecordsCompleted() + delta.getRecordsCompleted()))
                .addTo(builder, serdes, deltasByGroup);
        new SummingCounters<>(ContactedCell.class, StoreNames.CONTACTED_COUNTERS, StoreNames.CONTACTED_DELTAS_REPARTITION, "contacted-counters",
                (group, delta) -> Groups.periodKey(group, delta.getPeriod()),
                (total, delta) -> new ContactedCell(total.getPeriod(), total.getCustomers() + delta.getCustomers()))
                .addTo(builder, serdes, contactedByGroup);
        new SummingCounters<>(CoveredCell.class, StoreNames.COVERED_COUNTERS, StoreNames.COVERED_DELTAS_REPARTITION, "covered-counters",
                (group, delta) -> Groups.periodKey(group, delta.getPeriod()),
                (total, delta) -> new CoveredCell(total.getPeriod(), total.getCustomers() + delta.getCustomers()))
                .addTo(builder, serdes, coveredByGroup);
    }
}
