package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.ClockTick;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stream time is kept per task, so a partition whose customers have gone quiet would never reach their
 * churn deadlines. Each task therefore broadcasts the largest event time it has seen, at most once per
 * interval of wall-clock time, to every partition of the clock topic; the lifecycle reads it back and
 * its stream time follows the largest event time of the whole pipeline.
 */
final class ClockBroadcaster implements Processor<String, LifecycleInput, String, ClockTick> {

    private final Duration interval;
    private ProcessorContext<String, ClockTick> context;
    private long largestSeen = Long.MIN_VALUE;
    private long largestSent = Long.MIN_VALUE;

    ClockBroadcaster(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<String, ClockTick> context) {
        this.context = context;
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> broadcast());
    }

    @Override
    public void process(Record<String, LifecycleInput> record) {
        largestSeen = Math.max(largestSeen, record.timestamp());
    }

    private void broadcast() {
        if (largestSeen > largestSent) {
            int partition = context.taskId().partition();
            context.forward(new Record<>(Integer.toString(partition), new ClockTick(Instant.ofEpochMilli(largestSeen), partition), largestSeen));
            largestSent = largestSeen;
        }
    }
}
