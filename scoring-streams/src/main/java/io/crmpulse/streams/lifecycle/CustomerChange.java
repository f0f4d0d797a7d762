package io.crmpulse.streams.lifecycle;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What one event does to its customer: first what it can change of the figures only events move (its
 * {@link EventFigures.Scope}, decided from the customer as it is), then the change itself.
 */
interface CustomerChange {

    /** Called once, before {@link #apply}, on the customer the event will be applied to. */
    EventFigures.Scope scope(CustomerHistory history);

    void apply(CustomerHistory history);

    static CustomerChange of(Function<CustomerHistory, EventFigures.Scope> scope, Consumer<CustomerHistory> apply) {
        return new CustomerChange() {
            @Override
            public EventFigures.Scope scope(CustomerHistory history) {
                return scope.apply(history);
            }

            @Override
            public void apply(CustomerHistory history) {
                apply.accept(history);
            }
        };
    }
}
