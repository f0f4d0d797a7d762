package io.crmpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.SpendModel;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.MemberRanking;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An at-risk list ranked from what the index of group members keeps, and only its first rows kept, is the list that
 * ranking every customer's whole row gives: same total, same rows in the same order (ties by customer id), on one
 * instance or split over two.
 */
class AtRiskListTest {

    private static final LifecycleSettings LIFECYCLE = LifecycleSettings.defaults();
    private static final double HORIZON_WEEKS = 13;
    private static final Instant FITTED = Instant.parse("2024-06-01T00:00:00Z");
    private static final Optional<ChurnRiskModel> MODEL = Optional.of(new ChurnRiskModel("bg-nbd", 0.25, 4.0, 0.8, 2.5, 0.0, 0L,
            new SpendModel(6.0, 4.0, 15.0, 0L), FITTED, FITTED));

    @Test
    void shouldRankAGroupFromItsIndexAsEveryCustomersWholeRowRanksIt() {
        try (PipelineDriver pipeline = new PipelineDriver(LIFECYCLE)) {
            histories(pipeline, new Random(11), 160);
            assertRanksAsWholeRows(pipeline, MODEL);
        }
    }

    @Test
    void shouldRankByCustomerIdWhenNoModelGivesAScore() {
        try (PipelineDriver pipeline = new PipelineDriver(LIFECYCLE)) {
            histories(pipeline, new Random(12), 160);
            assertRanksAsWholeRows(pipeline, Optional.empty());
        }
    }

    private static void assertRanksAsWholeRows(PipelineDriver pipeline, Optional<ChurnRiskModel> model) {
        Instant asOf = pipeline.asOf();
        for (String group : List.of("office:SH", "office:BJ", "staff:SH-1", Groups.ALL)) {
            List<CustomerRow> expected = pipeline.customerStates().stream().map(c -> row(c, asOf, model))
                    .filter(r -> r.state().equals("ACTIVE") || r.state().equals("AT_RISK"))
                    .filter(r -> group.equals(Groups.ALL) || group.equals("office:" + r.office()) || group.equals("staff:" + r.staff()))
                    .sorted(CustomerRows.BY_RISK).toList();
            assertThat(expected).as("customers still in %s", group).hasSizeGreaterThan(8);
            List<String> candidates = candidates(pipeline, group);

            for (int top : List.of(1, 7, expected.size(), expected.size() + 3)) {
                AtRiskList.Part one = part(pipeline, group, asOf, model, top, candidates);
                assertThat(one.total()).as("%s: customers still customers", group).isEqualTo(expected.size());
                assertThat(one.top()).as("%s: the first %d", group, top).isEqualTo(expected.subList(0, Math.min(top, expected.size())));

                // Two instances, each with some of the customers: their parts merge into the same list.
                List<String> even = candidates.stream().filter(id -> id.hashCode() % 2 == 0).toList();
                List<String> odd = candidates.stream().filter(id -> id.hashCode() % 2 != 0).toList();
                AtRiskList.Part merged = AtRiskList.Part.merge(List.of(part(pipeline, group, asOf, model, top, even),
                        part(pipeline, group, asOf, model, top, odd)), top);
                assertThat(merged).as("%s over two instances, first %d", group, top).isEqualTo(one);
            }
        }
    }

    /**
     * Customers of two offices, each with its own staff member, whose last orders fall in the four months before the end of
     * 2024 (so that many are still customers then), at irregular gaps before it; some move office after.
     */
    private static void histories(PipelineDriver pipeline, Random random, int customers) {
        Instant end = Instant.parse("2024-12-31T09:00:00Z");
        for (int c = 0; c < customers; c++) {
            String office = random.nextBoolean() ? "SH" : "BJ";
            Instant last = end.minus(Duration.ofDays(random.nextInt(120)));
            Instant at = last;
            for (int orders = 1 + random.nextInt(5); orders > 0; orders--) {
                Envelope envelope = Envelope.newBuilder(PipelineDriver.envelope("o" + c + "-" + orders, "c" + c, at, office))
                        .setStaffId(office + "-1").build();
                pipeline.send(new OrderEvent(envelope, OrderEventType.PLACED, "o" + c + "-" + orders,
                        new BigDecimal(5 + random.nextInt(200) + ".0000"), "EUR", 1));
                at = at.minus(Duration.ofDays(1 + random.nextInt(60)));
            }
            if (random.nextInt(6) == 0) {
                pipeline.assign("c" + c, last.plus(Duration.ofHours(1)).toString(), office.equals("SH") ? "BJ" : "SH");
            }
        }
        pipeline.streamTimeTo(end.plus(Duration.ofHours(2)).toString());
    }

    /** The customers an instance ranks: a group's entries in the index of members, every customer for all. */
    private static List<String> candidates(PipelineDriver pipeline, String group) {
        if (group.equals(Groups.ALL)) {
            return pipeline.customerStates().stream().map(CustomerState::getCustomerId).toList();
        }
        return new ArrayList<>(pipeline.rankings(group).keySet());
    }

    /**
     * One instance's part: a group ranks its entries' rankings (stream time is past every activity, so each tells), all
     * ranks every customer's state.
     */
    private static AtRiskList.Part part(PipelineDriver pipeline, String group, Instant asOf, Optional<ChurnRiskModel> model, int top,
                                        List<String> candidates) {
        AtRiskList list = new AtRiskList(group, asOf, LIFECYCLE, model, HORIZON_WEEKS, top);
        Map<String, MemberRanking> rankings = group.equals(Groups.ALL) ? Map.of() : pipeline.rankings(group);
        for (String id : candidates) {
            if (group.equals(Groups.ALL)) {
                list.offer(pipeline.customerState(id).orElseThrow());
            } else {
                assertThat(list.offer(rankings.get(id))).as("%s ranked from its entry in %s", id, group).isTrue();
            }
        }
        return list.part(id -> pipeline.customerState(id).orElseThrow(), c -> row(c, asOf, model));
    }

    private static CustomerRow row(CustomerState customer, Instant asOf, Optional<ChurnRiskModel> model) {
        return CustomerRow.of(customer, asOf, LIFECYCLE, model, HORIZON_WEEKS);
    }
}
