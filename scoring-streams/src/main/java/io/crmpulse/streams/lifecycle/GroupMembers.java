package io.crmpulse.streams.lifecycle;

import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.Assignment;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.MemberRanking;
import io.crmpulse.state.SettledHistory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import io.crmpulse.streams.risk.PurchaseSummary;
import io.crmpulse.streams.risk.Rfm;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The index of group members ({@link StoreNames#GROUP_MEMBERS}): every customer under each office and staff member of
 * its kept history, each entry holding what an at-risk list ranks the customer by ({@link #ranking}), so that one
 * group's list is a scan of its own small entries, not a read of every member's whole state.
 *
 * <p>Entries written before they held a ranking have an empty value, read as null: the reader then takes the
 * customer's state instead, and the entry gets its ranking with the customer's next order or assignment.
 */
public final class GroupMembers {

    private final KeyValueStore<String, MemberRanking> store;

    GroupMembers(KeyValueStore<String, MemberRanking> store) {
        this.store = store;
    }

    /**
     * The values of the index: a customer's ranking in {@link RankingCodec}'s layout. An empty value (an entry written
     * before it held one) reads as null, and one in Avro (an entry of an earlier version) through {@code serdes}.
     */
    static Serde<MemberRanking> valueSerde(SerdeFactory serdes) {
        return Serdes.serdeFrom(RankingCodec.serializer(), RankingCodec.deserializer(serdes.valueSerde(MemberRanking.class).deserializer()));
    }

    /**
     * What an at-risk list reads of a customer, from its state: its last activity and the segment it had then, its
     * purchase days ({@link PurchaseSummary#days}), and its office and staff timelines (copied). From its last
     * activity on, these give the same {@link Standing} as the state does.
     */
    public static MemberRanking ranking(CustomerState state, ZoneId zone) {
        List<ActivityInstant> activity = state.getActivity();
        SettledHistory settled = state.getSettled();
        Instant last = !activity.isEmpty() ? activity.get(activity.size() - 1).getAt() : settled == null ? null : settled.getLastActivity();
        Optional<PurchaseSummary.Days> days = last == null ? Optional.empty() : PurchaseSummary.days(state, last, zone);
        return new MemberRanking(state.getCustomerId(), last, last == null ? null : CustomerStatus.valueAt(state.getSegment(), last),
                days.map(PurchaseSummary.Days::x).orElse(0), days.map(PurchaseSummary.Days::first).orElse(null),
                days.map(PurchaseSummary.Days::last).orElse(null), days.map(PurchaseSummary.Days::meanSpend).filter(m -> !m.isNaN()).orElse(null),
                copy(state.getOffice()), copy(state.getStaff()));
    }

    private static List<Assignment> copy(List<Assignment> timeline) {
        List<Assignment> copy = new ArrayList<>(timeline.size());
        for (Assignment a : timeline) {
            copy.add(new Assignment(a.getAt(), a.getValue(), a.getExplicit()));
        }
        return copy;
    }

    /**
     * Where a customer stands for an at-risk list at an instant: its lifecycle state, office and staff then, and its
     * purchase summary (null without a purchase).
     */
    public record Standing(String customerId, CustomerStatus.State state, String office, String staff, Rfm purchases) {

        /** From the customer's state. */
        public static Standing of(CustomerState customer, Instant at, LifecycleSettings settings) {
            CustomerStatus status = CustomerStatus.of(customer, at, settings);
            return new Standing(customer.getCustomerId(), status.state(), status.office(), status.staff(),
                    PurchaseSummary.of(customer, at, settings.zone()).orElse(null));
        }

        /** From the customer's ranking; empty at an instant before its last activity (then only its state tells). */
        public static Optional<Standing> of(MemberRanking ranking, Instant at, LifecycleSettings settings) {
            Instant last = ranking.getLastActivity();
            if (last != null && at.isBefore(last)) {
                return Optional.empty();
            }
            Rfm purchases = ranking.getFirstDay() == null ? null
                    : new PurchaseSummary.Days(ranking.getRepeatDays(), ranking.getFirstDay(), ranking.getLastDay(),
                            ranking.getMeanSpend() == null ? Double.NaN : ranking.getMeanSpend())
                            .at(LocalDate.ofInstant(at, settings.zone()));
            return Optional.of(new Standing(ranking.getCustomerId(), CustomerStatus.stateAt(at, last, ranking.getSegment(), settings),
                    CustomerStatus.valueAt(ranking.getOffice(), at), CustomerStatus.valueAt(ranking.getStaff(), at), purchases));
        }
    }

    /**
     * Keeps the index true after an event: the customer enters the groups it gained with its ranking, leaves those it
     * lost, and the groups it stays in get its new ranking when that changed.
     */
    void update(String customerId, Set<String> groupsBefore, MemberRanking rankingBefore, Set<String> groupsAfter,
                MemberRanking rankingAfter) {
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
