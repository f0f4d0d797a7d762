package io.crmpulse.streams.lifecycle;

import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.records.ClockTick;

/** What the lifecycle processor consumes: the merged order, customer and clock streams. */
sealed interface LifecycleInput {

    record Order(OrderEvent event) implements LifecycleInput {
    }

    record Customer(CustomerEvent event) implements LifecycleInput {
    }

    record Tick(ClockTick tick) implements LifecycleInput {
    }
}
