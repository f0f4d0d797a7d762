package io.crmpulse.streams.counters;

import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Contact activity (METRICS.md section 5). Contact work per group and day: visits, revisits, other contacts,
 * reminders set and customer records completed, from which every week and month is a sum over days (input:
 * deltas keyed by group; store:
 * {@link StoreNames#CONTACT_COUNTERS}, key {@code GROUP|YYYY-MM-DD}). Customers contacted per group, week
 * and month, which is no sum over days (input: one delta per customer, group and period the first time the
 * group contacts it there; store:
 * {@link StoreNames#CONTACTED_COUNTERS}, key {@code GROUP|LABEL}). Per week and month, the customers of the group
 * (those it belongs to) contacted in it (store
 * {@link StoreNames#COVERED_COUNTERS}, key {@code GROUP|LABEL}); the conditions that ask for a contact travel with
 * the daily flows ({@link DailyCountersTopology}). Every input is partitioned by group ({@link GroupDeltasTopology}).
 */
public final class ContactCountersTopology {

    private final SerdeFactory serdes;

    public ContactCountersTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, ContactDay> deltasByGroup, KStream<String, ContactedCell> contactedByGroup,
                      KStream<String, CoveredCell> coveredByGroup) {
        new SummingCounters<>(CounterFamilies.CONTACTS, StoreNames.CONTACT_COUNTERS, "contact-counters")
                .addTo(builder, serdes, deltasByGroup);
        new SummingCounters<>(CounterFamilies.CONTACTED, StoreNames.CONTACTED_COUNTERS, "contacted-counters")
                .addTo(builder, serdes, contactedByGroup);
        new SummingCounters<>(CounterFamilies.COVERED, StoreNames.COVERED_COUNTERS, "covered-counters")
                .addTo(builder, serdes, coveredByGroup);
    }
}
