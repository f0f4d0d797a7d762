package io.crmpulse.streams.counters;

import io.crmpulse.records.ContactDay;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Contact work per group and day (METRICS.md section 5): visits, revisits, other contacts, reminders set
 * and customer records completed, from which every week and month is a sum over days. Input: deltas keyed
 * by group, repartitioned through {@code <application.id>-contact-deltas-repartition}. Store:
 * {@link StoreNames#CONTACT_COUNTERS}, key {@code GROUP|YYYY-MM-DD}.
 */
public final class ContactCountersTopology {

    private final SerdeFactory serdes;

    public ContactCountersTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, ContactDay> deltasByGroup) {
        new SummingCounters<>(ContactDay.class, StoreNames.CONTACT_COUNTERS, StoreNames.CONTACT_DELTAS_REPARTITION, "contact-counters",
                (group, delta) -> Groups.dayKey(group, delta.getDay()),
                (total, delta) -> new ContactDay(total.getDay(), total.getVisits() + delta.getVisits(), total.getRevisits() + delta.getRevisits(),
                        total.getOtherContacts() + delta.getOtherContacts(), total.getFollowUpsSet() + delta.getFollowUpsSet(),
                        total.getRecordsCompleted() + delta.getRecordsCompleted()))
                .addTo(builder, serdes, deltasByGroup);
    }
}
