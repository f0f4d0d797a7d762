package io.crmpulse.streams.lifecycle;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.records.ClockTick;

/** What the lifecycle processor consumes: the merged order, customer, contact, complaint and clock streams. */
sealed interface LifecycleInput {

    record Order(OrderEvent event) implements LifecycleInput {
    }

    record Customer(CustomerEvent event) implements LifecycleInput {
    }

    record Contact(ContactEvent event) implements LifecycleInput {
    }

    record Complaint(ComplaintEvent event) implements LifecycleInput {
    }

    record Tick(ClockTick tick) implements LifecycleInput {
    }
}
