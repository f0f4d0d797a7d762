package io.crmpulse.streams.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.GroupDelta;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.StoreNames;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Each group's day counters are also summed per month, for month, quarter, half-year and year rows. State kept by a
 * version without month totals gets them once, when its counter task starts: from the days kept, before any new delta
 * is added, so no day counts twice.
 */
class MonthTotalsTest {

    private static final String SH = "office:SH";

    @Test
    void shouldSumEachGroupsDaysPerMonth() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            pipeline.order("c1", "2024-03-05T09:00:00Z", "SH").order("c2", "2024-03-20T09:00:00Z", "SH")
                    .order("c3", "2024-04-01T09:00:00Z", "BJ");

            assertThat(pipeline.months(SH)).containsOnlyKeys(LocalDate.parse("2024-03-01"));
            assertThat(pipeline.months(SH).get(LocalDate.parse("2024-03-01")).getNew$()).isEqualTo(2);
            assertThat(pipeline.months(Groups.ALL).get(LocalDate.parse("2024-03-01")).getNew$()).isEqualTo(2);
            assertThat(pipeline.months(Groups.ALL).get(LocalDate.parse("2024-04-01")).getNew$()).isEqualTo(1);
        }
    }

    @Test
    void shouldSumTheDaysOfStateKeptWithoutMonthsOnceTheTaskStarts() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            keepDaysWithoutMonths(pipeline);

            // No delta comes: the task sums its days soon after it starts (pipeline.months lets wall-clock time pass).
            assertThat(pipeline.months(SH)).isEqualTo(Map.of(
                    LocalDate.parse("2024-03-01"), flows("2024-03-01", 5, 1, 2),
                    LocalDate.parse("2024-04-01"), flows("2024-04-01", 1, 0, 0)));
        }
    }

    @Test
    void shouldSumTheDaysKeptBeforeTheFirstNewDeltaIsAdded() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            keepDaysWithoutMonths(pipeline);
            TestInputTopic<String, GroupDelta> deltas = pipeline.driver().createInputTopic("pulse-test-" + StoreNames.GROUP_DELTAS_REPARTITION
                    + "-repartition", Serdes.String().serializer(), SerdeFactory.named(null, Map.of()).valueSerde(GroupDelta.class).serializer());

            // A delta comes before any wall-clock time has passed since the start: the days are summed first.
            deltas.pipeInput(SH, new GroupDelta(flows("2024-03-25", 1, 0, 0)));

            CustomerFlows march = pipeline.driver().<String, CustomerFlows>getKeyValueStore(StoreNames.MONTHLY_COUNTERS)
                    .get(Groups.dayKey(SH, LocalDate.parse("2024-03-01")));
            assertThat(march).as("the days kept and the new delta, each once").isEqualTo(flows("2024-03-01", 6, 1, 2));
        }
    }

    /** Day totals as a version without month totals left them: March and April days of SH, no month total. */
    private static void keepDaysWithoutMonths(PipelineDriver pipeline) {
        KeyValueStore<String, CustomerFlows> days = pipeline.driver().getKeyValueStore(StoreNames.DAILY_COUNTERS);
        days.put(Groups.dayKey(SH, LocalDate.parse("2024-03-05")), flows("2024-03-05", 3, 1, 0));
        days.put(Groups.dayKey(SH, LocalDate.parse("2024-03-31")), flows("2024-03-31", 2, 0, 2));
        days.put(Groups.dayKey(SH, LocalDate.parse("2024-04-01")), flows("2024-04-01", 1, 0, 0));
        assertThat(pipeline.driver().<String, CustomerFlows>getKeyValueStore(StoreNames.MONTHLY_COUNTERS).approximateNumEntries()).isZero();
    }

    private static CustomerFlows flows(String day, long news, long reactivated, long churned) {
        return new CustomerFlows(LocalDate.parse(day), news, reactivated, churned, 0L, 0L, news + reactivated - churned, 0L, 0L, 0L);
    }
}
