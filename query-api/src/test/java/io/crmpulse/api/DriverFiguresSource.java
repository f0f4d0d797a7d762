package io.crmpulse.api;

import io.crmpulse.records.CustomerFlows;
import io.crmpulse.streams.PipelineDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/** The API's reads served by the real topology on a TopologyTestDriver, for HTTP tests without a broker. */
final class DriverFiguresSource implements FiguresSource {

    private final PipelineDriver pipeline;

    DriverFiguresSource(PipelineDriver pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Map<LocalDate, CustomerFlows> days(String group) {
        return pipeline.days(group);
    }

    @Override
    public SortedSet<String> groups(String dimension) {
        return pipeline.groups(dimension + ":");
    }

    @Override
    public Optional<Instant> asOf() {
        return Optional.ofNullable(pipeline.asOf());
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public String state() {
        return "RUNNING";
    }
}
