package io.crmpulse.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.DeltaBatch;
import io.crmpulse.records.GroupDelta;
import io.crmpulse.records.Watermark;
import io.crmpulse.state.DeltaLogEntry;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.StoreNames;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle adds up the counter deltas of the events it applies per group and cell, and sends the sums once per
 * send interval: the counters see one delta per cell, with the same totals as one delta per event would give.
 */
class DeltaBufferTest {

    private static final LocalDate MAY_10 = LocalDate.parse("2024-05-10");

    /** The entries of the lifecycle's delta log: what a restarted task would add up again. */
    private static List<DeltaLogEntry> logged(PipelineDriver pipeline) {
        KeyValueStore<Long, DeltaLogEntry> store = pipeline.driver().getKeyValueStore(StoreNames.LIFECYCLE_DELTA_LOG);
        List<DeltaLogEntry> entries = new ArrayList<>();
        try (KeyValueIterator<Long, DeltaLogEntry> it = store.all()) {
            it.forEachRemaining(kv -> entries.add(kv.value));
        }
        return entries;
    }

    @Test
    void shouldSendOneDeltaPerCellForManyEventsOnceTheIntervalHasPassed() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            TestOutputTopic<String, CustomerFlows> totals = pipeline.driver().createOutputTopic(Topics.DAILY_COUNTERS.name(),
                    Serdes.String().deserializer(), SerdeFactory.named(null, Map.of()).valueSerde(CustomerFlows.class).deserializer());
            pipeline.order("c1", "2024-05-10T09:00:00Z", "SH")
                    .order("c2", "2024-05-10T10:00:00Z", "SH")
                    .order("c3", "2024-05-10T11:00:00Z", "SH");

            // Not sent yet: the counters have nothing, and the lifecycle's log holds one entry per order, each with its
            // NEW of all on May 10.
            assertThat(pipeline.driver().<String, CustomerFlows>getKeyValueStore(StoreNames.DAILY_COUNTERS)
                    .get(Groups.dayKey(Groups.ALL, MAY_10))).isNull();
            assertThat(logged(pipeline)).hasSize(3).allSatisfy(entry -> assertThat(entry.getDeltas())
                    .filteredOn(d -> d.getGroup().equals(Groups.ALL)).map(d -> d.getDelta().getDelta())
                    .filteredOn(CustomerFlows.class::isInstance).map(CustomerFlows.class::cast)
                    .singleElement().satisfies(f -> assertThat(f.getNew$()).isEqualTo(1)));

            pipeline.sendDeltas();

            assertThat(logged(pipeline)).isEmpty();
            assertThat(pipeline.days(Groups.ALL).get(MAY_10).getNew$()).isEqualTo(3);
            assertThat(pipeline.days(Groups.of(Groups.OFFICE, "SH")).get(MAY_10).getNew$()).isEqualTo(3);
            // One total per cell reached the counters' output: one delta for three events.
            List<KeyValue<String, CustomerFlows>> sent = totals.readKeyValuesToList();
            assertThat(sent).filteredOn(kv -> kv.key.equals(Groups.dayKey(Groups.ALL, MAY_10))).singleElement()
                    .satisfies(kv -> assertThat(kv.value.getNew$()).isEqualTo(3));
        }
    }

    @Test
    void shouldSendTheCellsOfEachGroupAsOneRecord() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            TestOutputTopic<String, GroupDelta> repartition = pipeline.driver().createOutputTopic(
                    "pulse-test-" + StoreNames.GROUP_DELTAS_REPARTITION + "-repartition", Serdes.String().deserializer(),
                    SerdeFactory.named(null, Map.of()).valueSerde(GroupDelta.class).deserializer());
            pipeline.order("c1", "2024-05-10T09:00:00Z", "SH")
                    .order("c2", "2024-05-10T10:00:00Z", "SH")
                    .order("c3", "2024-05-10T11:00:00Z", "BJ")
                    .sendDeltas();

            List<KeyValue<String, GroupDelta>> sent = repartition.readKeyValuesToList().stream()
                    .filter(kv -> !(kv.value.getDelta() instanceof Watermark)).toList();
            // One record for each group, all, SH and BJ, each holding every cell of its group: a day's flows, cohort,
            // repeat purchase and revenue cells.
            assertThat(sent).extracting(kv -> kv.key).containsExactlyInAnyOrder(Groups.ALL, Groups.of(Groups.OFFICE, "SH"),
                    Groups.of(Groups.OFFICE, "BJ"));
            assertThat(sent).allSatisfy(kv -> assertThat(kv.value.getDelta()).isInstanceOf(DeltaBatch.class));
            List<Object> all = sent.stream().filter(kv -> kv.key.equals(Groups.ALL))
                    .flatMap(kv -> ((DeltaBatch) kv.value.getDelta()).getDeltas().stream()).toList();
            assertThat(all).hasSizeGreaterThan(1).filteredOn(CustomerFlows.class::isInstance).map(CustomerFlows.class::cast)
                    .singleElement().satisfies(flows -> assertThat(flows.getNew$()).isEqualTo(3));
            // Taken apart behind the topic, the batches count as the deltas did one by one.
            assertThat(pipeline.days(Groups.ALL).get(MAY_10).getNew$()).isEqualTo(3);
            assertThat(pipeline.days(Groups.of(Groups.OFFICE, "BJ")).get(MAY_10).getNew$()).isEqualTo(1);
        }
    }

    @Test
    void shouldSendASumThatCameToNothingSoThatTheCellIsCountedAsBefore() {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            // c1 turns AT_RISK on March 1 (60 days after its order) and orders again that day, before any send: in
            // office SH, its entry and exit of that day add up to nothing (the clock's customer has no office).
            pipeline.order("c1", "2024-01-01T00:00:00Z", "SH").sendDeltas()
                    .streamTimeTo("2024-03-01T12:00:00Z")
                    .order("c1", "2024-03-01T12:00:00Z", "SH");
            LocalDate march1 = LocalDate.parse("2024-03-01");
            CustomerFlows nothing = new CustomerFlows(march1, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);

            // Sent all the same, the day is a row of the office as it was when each delta travelled on its own.
            assertThat(pipeline.days(Groups.of(Groups.OFFICE, "SH"))).containsEntry(march1, nothing);
        }
    }
}
