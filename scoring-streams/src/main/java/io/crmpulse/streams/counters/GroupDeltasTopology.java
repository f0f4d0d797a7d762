package io.crmpulse.streams.counters;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.CohortCell;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.DeltaBatch;
import io.crmpulse.records.GroupDelta;
import io.crmpulse.records.LateEvent;
import io.crmpulse.records.RevenueCell;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Broadcast;
import io.crmpulse.streams.StoreNames;
import io.crmpulse.records.Watermark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Every counter delta of the lifecycle travels through one repartition topic,
 * {@code <application.id>-group-deltas-repartition}, partitioned by group, so that all counters of a group are
 * summed by one task (and the API reads one partition per group). One topic rather than one per counter family:
 * each repartition topic adds a task per partition, and every task costs the stream threads time whether or not it
 * has records. A lifecycle task sends all cells of a group at once, as one {@code DeltaBatch}; behind the topic, the
 * batch is taken apart and the deltas part by family for each family's counters.
 *
 * <p>The lifecycle's watermarks travel on the same topic to every partition, so that each counter task knows up to
 * which instant it has applied each lifecycle task's deltas ({@link CountedThrough}) and which months every lifecycle
 * task has closed for the scorecard; the scorecard's late events travel in the batches, beside the deltas of their events.
 */
public final class GroupDeltasTopology {

    /** The deltas of each family, partitioned by group. */
    public record ByFamily(KStream<String, CustomerFlows> flows, KStream<String, CohortCell> cohorts,
                           KStream<String, ComplaintDay> complaints, KStream<String, ActivityCell> activity,
                           KStream<String, RevenueCell> revenue, KStream<String, ContactDay> contacts,
                           KStream<String, ContactedCell> contacted, KStream<String, CoveredCell> covered,
                           KStream<String, LateEvent> late, KStream<String, GroupDelta> watermarks) {
    }

    private final SerdeFactory serdes;

    public GroupDeltasTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public ByFamily addTo(StreamsBuilder builder, KStream<String, GroupDelta> deltasByGroup) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.COUNTED_THROUGH),
                Serdes.String(), Serdes.Long()));
        Map<String, KStream<String, GroupDelta>> families = deltasByGroup
                .repartition(Repartitioned.<String, GroupDelta>as(StoreNames.GROUP_DELTAS_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.valueSerde(GroupDelta.class))
                        // A watermark to every partition, a delta to its group's.
                        .withStreamPartitioner(Broadcast.when(delta -> delta.getDelta() instanceof Watermark)))
                .flatMapValues(GroupDeltasTopology::cells, Named.as("group-delta-cells"))
                .split(Named.as("group-deltas-"))
                .branch((group, delta) -> delta.getDelta() instanceof CustomerFlows, Branched.as("flows"))
                .branch((group, delta) -> delta.getDelta() instanceof CohortCell, Branched.as("cohorts"))
                .branch((group, delta) -> delta.getDelta() instanceof ComplaintDay, Branched.as("complaints"))
                .branch((group, delta) -> delta.getDelta() instanceof ActivityCell, Branched.as("activity"))
                .branch((group, delta) -> delta.getDelta() instanceof RevenueCell, Branched.as("revenue"))
                .branch((group, delta) -> delta.getDelta() instanceof ContactDay, Branched.as("contacts"))
                .branch((group, delta) -> delta.getDelta() instanceof ContactedCell, Branched.as("contacted"))
                .branch((group, delta) -> delta.getDelta() instanceof CoveredCell, Branched.as("covered"))
                .branch((group, delta) -> delta.getDelta() instanceof LateEvent, Branched.as("late"))
                .branch((partition, delta) -> delta.getDelta() instanceof Watermark, Branched.as("watermarks"))
                .noDefaultBranch();
        KStream<String, GroupDelta> watermarks = families.get("group-deltas-watermarks");
        watermarks.process(CountedThrough::new, Named.as("counted-through"), StoreNames.COUNTED_THROUGH);
        return new ByFamily(
                families.get("group-deltas-flows").mapValues(d -> (CustomerFlows) d.getDelta(), Named.as("as-customer-flows")),
                families.get("group-deltas-cohorts").mapValues(d -> (CohortCell) d.getDelta(), Named.as("as-cohort-cells")),
                families.get("group-deltas-complaints").mapValues(d -> (ComplaintDay) d.getDelta(), Named.as("as-complaint-days")),
                families.get("group-deltas-activity").mapValues(d -> (ActivityCell) d.getDelta(), Named.as("as-activity-cells")),
                families.get("group-deltas-revenue").mapValues(d -> (RevenueCell) d.getDelta(), Named.as("as-revenue-cells")),
                families.get("group-deltas-contacts").mapValues(d -> (ContactDay) d.getDelta(), Named.as("as-contact-days")),
                families.get("group-deltas-contacted").mapValues(d -> (ContactedCell) d.getDelta(), Named.as("as-contacted-cells")),
                families.get("group-deltas-covered").mapValues(d -> (CoveredCell) d.getDelta(), Named.as("as-covered-cells")),
                families.get("group-deltas-late").mapValues(d -> (LateEvent) d.getDelta(), Named.as("as-late-events")),
                watermarks);
    }

    /** The deltas of a batch one by one, in their order; any other delta (or a watermark) as it is. */
    static List<GroupDelta> cells(GroupDelta delta) {
        if (!(delta.getDelta() instanceof DeltaBatch batch)) {
            return List.of(delta);
        }
        List<GroupDelta> cells = new ArrayList<>(batch.getDeltas().size());
        for (Object cell : batch.getDeltas()) {
            cells.add(new GroupDelta(cell));
        }
        return cells;
    }
}
