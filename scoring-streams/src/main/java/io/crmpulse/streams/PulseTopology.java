package io.crmpulse.streams;

import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.alerts.AlertSettings;
import io.crmpulse.streams.alerts.AlertsTopology;
import io.crmpulse.streams.counters.CohortCountersTopology;
import io.crmpulse.streams.counters.ComplaintCountersTopology;
import io.crmpulse.streams.counters.ContactCountersTopology;
import io.crmpulse.streams.counters.DailyCountersTopology;
import io.crmpulse.streams.counters.GroupDeltasTopology;
import io.crmpulse.streams.counters.RepeatCountersTopology;
import io.crmpulse.streams.counters.RevenueCohortTopology;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.lifecycle.LifecycleTopology;
import io.crmpulse.streams.matches.MatchesTopology;
import io.crmpulse.streams.risk.ChurnRiskTopology;
import io.crmpulse.streams.scorecard.ScorecardSettings;
import io.crmpulse.streams.scorecard.ScorecardTopology;
import io.crmpulse.streams.segments.SegmentsTopology;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/** The whole streams application: each concern's topology, wired together. */
public final class PulseTopology {

    private PulseTopology() {
    }

    /**
     * @param clockInterval how often each lifecycle task broadcasts its stream time
     * @param sendInterval  how often each lifecycle task sends the counter deltas it added up (wall-clock time)
     * @param partitions    the partitions of the event topics (and so of the lifecycle)
     * @param alerts        how often the counter tasks evaluate the alert rules, and whose neglect raises a customer alert
     */
    public static Topology build(LifecycleSettings lifecycle, ScorecardSettings scorecard, AlertSettings alerts, SerdeFactory serdes,
                                 Duration clockInterval, Duration sendInterval, int partitions) {
        // Every store, repartition topic and processor must be named: renaming or inserting an operator
        // must never orphan state (the explicit-naming check refuses generated names).
        Properties naming = new Properties();
        naming.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(withApplicationId(naming))));
        LifecycleTopology.Outputs lifecycleOutputs = new LifecycleTopology(lifecycle, serdes, clockInterval, sendInterval, scorecard, alerts).addTo(builder);
        GroupDeltasTopology.ByFamily deltas = new GroupDeltasTopology(serdes).addTo(builder, lifecycleOutputs.deltas());
        new DailyCountersTopology(serdes).addTo(builder, deltas.flows());
        new CohortCountersTopology().addTo(builder, deltas.cohorts());
        new ComplaintCountersTopology(serdes).addTo(builder, deltas.complaints());
        new RepeatCountersTopology(serdes).addTo(builder, deltas.activity());
        new RevenueCohortTopology(serdes).addTo(builder, deltas.revenue());
        new ContactCountersTopology(serdes).addTo(builder, deltas.contacts(), deltas.contacted(), deltas.covered());
        new ScorecardTopology(serdes, scorecard, lifecycle.zone(), partitions).addTo(builder, deltas.watermarks(), deltas.late());
        new AlertsTopology(serdes, lifecycle.zone(), partitions, alerts.interval()).addTo(builder, deltas.watermarks());
        new SegmentsTopology(serdes, lifecycle.zone(), lifecycle.segmentation()).addTo(builder, lifecycleOutputs.values());
        new MatchesTopology(serdes).addTo(builder, lifecycleOutputs.matchKeyed());
        new ChurnRiskTopology(serdes).addTo(builder);
        return builder.build();
    }

    private static Properties withApplicationId(Properties props) {
        // TopologyConfig needs a complete StreamsConfig; these two values are not used by the builder.
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "topology-builder");
        props.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }
}
