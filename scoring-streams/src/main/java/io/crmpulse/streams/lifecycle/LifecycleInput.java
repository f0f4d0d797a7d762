package io.crmpulse.streams.lifecycle;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.records.ClockTick;

/** What the lifecycle processor consumes: the merged order, customer, contact, complaint and clock streams. */
sealed interface LifecycleInput {

    /** The event's common fields; null for a clock tick, which is about no customer. */
    Envelope envelope();

    record Order(OrderEvent event) implements LifecycleInput {
        public Envelope envelope() {
            return event.getEnvelope();
        }
    }

    record Customer(CustomerEvent event) implements LifecycleInput {
        public Envelope envelope() {
            return event.getEnvelope();
        }
    }

    record Contact(ContactEvent event) implements LifecycleInput {
        public Envelope envelope() {
            return event.getEnvelope();
        }
    }

    record Complaint(ComplaintEvent event) implements LifecycleInput {
        public Envelope envelope() {
            return event.getEnvelope();
        }
    }

    record Tick(ClockTick tick) implements LifecycleInput {
        public Envelope envelope() {
            return null;
        }
    }
}
