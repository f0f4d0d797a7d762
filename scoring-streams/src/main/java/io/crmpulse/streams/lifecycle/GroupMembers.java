package io.crmpulse.streams.lifecycle;

import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.Assignment;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.SettledHistory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The index of group members ({@link StoreNames#GROUP_MEMBERS}): every customer under each office and staff member of
 * its kept history, each entry holding what an at-risk list ranks the customer by ({@link #ranking}), so that one
 * group's list is a scan of its own entries, not a lookup of every member's whole state.
 *
 * <p>Entries written before they held a ranking have an empty value, read as null: the reader then takes the
 * customer's state instead, and the entry gets its ranking with the customer's next event.
 */
public final class GroupMembers {

    private final KeyValueStore<String, CustomerState> store;

    GroupMembers(KeyValueStore<String, CustomerState> store) {
        this.store = store;
    }

    /** The values of the index: a customer's ranking; an empty value (an entry written before it held one) reads as null. */
    static Serde<CustomerState> valueSerde(SerdeFactory serdes) {
        Serde<CustomerState> state = serdes.valueSerde(CustomerState.class);
        Deserializer<CustomerState> emptyIsNull = (topic, bytes) -> bytes == null || bytes.length == 0 ? null
                : state.deserializer().deserialize(topic, bytes);
        return Serdes.serdeFrom(state.serializer(), emptyIsNull);
    }

    /**
     * What an at-risk list reads of a customer: its activity, settled history, and office, staff and segment
     * timelines (its state, purchase summary and risk at any instant, {@code CustomerStatus} and {@code PurchaseSummary}),
     * copied, with everything else empty. Its last contact is not in it: a listed customer's row is read from its state.
     */
    public static CustomerState ranking(CustomerState state) {
        List<ActivityInstant> activity = new ArrayList<>(state.getActivity().size());
        for (ActivityInstant a : state.getActivity()) {
            activity.add(new ActivityInstant(a.getAt(), a.getOrders(), a.getAmount()));
        }
        SettledHistory s = state.getSettled();
        SettledHistory settled = s == null ? null : new SettledHistory(s.getUntil(), s.getFirstActivity(), s.getAcquisitionOffice(),
                s.getLastActivity(), s.getActivities(), new HashMap<>(s.getDays()), s.getRepeatSpend());
        return CustomerState.newBuilder().setCustomerId(state.getCustomerId()).setFirstSeen(state.getFirstSeen()).setActivity(activity)
                .setOffice(copy(state.getOffice())).setStaff(copy(state.getStaff())).setSegment(copy(state.getSegment()))
                .setRecognizedUntil(Instant.EPOCH).setSettled(settled).build();
    }

    private static List<Assignment> copy(List<Assignment> timeline) {
        List<Assignment> copy = new ArrayList<>(timeline.size());
        for (Assignment a : timeline) {
            copy.add(new Assignment(a.getAt(), a.getValue(), a.getExplicit()));
        }
        return copy;
    }

    /**
     * Keeps the index true after an event: the customer enters the groups it gained with its ranking, leaves those it
     * lost, and the groups it stays in get its new ranking when that changed.
     */
    void update(String customerId, Set<String> groupsBefore, CustomerState rankingBefore, Set<String> groupsAfter,
                CustomerState rankingAfter) {
        boolean changed = !rankingAfter.equals(rankingBefore);
        for (String group : groupsAfter) {
            if (changed || !groupsBefore.contains(group)) {
                store.put(Groups.memberKey(group, customerId), rankingAfter);
            }
        }
        for (String group : groupsBefore) {
            if (!groupsAfter.contains(group)) {
                store.delete(Groups.memberKey(group, customerId));
            }
        }
    }
}
