package io.crmpulse.api;

import io.crmpulse.records.AlertEvent;
import org.reactivestreams.Publisher;

/** The alerts raised and resolved from now on, as the streams publish them to {@code pulse.alerts}. */
public interface AlertFeed {

    /** Every alert event published after the subscription, for as long as it lasts. */
    Publisher<AlertEvent> live();
}
