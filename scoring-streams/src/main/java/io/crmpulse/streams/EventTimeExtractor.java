package io.crmpulse.streams;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.records.ClockTick;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time from the record itself ({@code occurred_at}; a clock tick's {@code stream_time}), so that
 * windows and deadlines never depend on when or by whom a record was produced.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object value = record.value();
        if (value instanceof OrderEvent e) {
            return e.getEnvelope().getOccurredAt().toEpochMilli();
        } else if (value instanceof CustomerEvent e) {
            return e.getEnvelope().getOccurredAt().toEpochMilli();
        } else if (value instanceof ContactEvent e) {
            return e.getEnvelope().getOccurredAt().toEpochMilli();
        } else if (value instanceof ComplaintEvent e) {
            return e.getEnvelope().getOccurredAt().toEpochMilli();
        } else if (value instanceof ClockTick t) {
            return t.getStreamTime().toEpochMilli();
        }
        return record.timestamp();
    }
}
