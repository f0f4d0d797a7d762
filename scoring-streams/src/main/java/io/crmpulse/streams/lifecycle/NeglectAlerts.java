package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.AlertEvent;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.alerts.AlertCheck;
import io.crmpulse.streams.alerts.AlertSettings;
import io.crmpulse.streams.alerts.AlertsTopology;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Alerts on one customer (METRICS.md section 9, with section 5's condition): a customer of a segment that
 * {@code alerts.neglected-segments} names (A by default) that is AT_RISK with no contact for service.contact-gap
 * raises an alert addressed to its account manager, resolved once it is contacted, orders again or churns. Decided
 * whenever the customer's figures are recognised, which the due-time index does at the instant the neglect starts
 * and ends; the customer's state says whether its alert is open, so a change is published once.
 */
final class NeglectAlerts {

    private final KeyValueStore<String, AlertEvent> open;
    private final AlertSettings settings;
    private final Duration contactGap;

    /** @param open the open alerts of this partition's customers ({@code RULE|CUSTOMER}), for the API */
    NeglectAlerts(KeyValueStore<String, AlertEvent> open, AlertSettings settings, Duration contactGap) {
        this.open = open;
        this.settings = settings;
        this.contactGap = contactGap;
    }

    /** The alert that changes with this recognition (the customer's state is marked), or null. */
    AlertEvent update(CustomerState state, Timelines timelines, boolean neglected, long now) {
        String segment = timelines.valueAt(Groups.SEGMENT, now);
        boolean alert = neglected && segment != null && settings.neglectedSegments().contains(segment);
        if (alert == state.getNeglectAlerted()) {
            return null;
        }
        state.setNeglectAlerted(alert);
        String office = timelines.valueAt(Groups.OFFICE, now);
        String staff = timelines.valueAt(Groups.STAFF, now);
        String customer = state.getCustomerId();
        Instant at = Instant.ofEpochMilli(now);
        String message = alert
                ? "customer " + customer + " (segment " + segment + ") is AT_RISK with no contact for " + contactGap + (staff == null ? ""
                        : "; its account manager is " + staff)
                : "customer " + customer + " is no longer an AT_RISK customer without contact";
        AlertEvent event = new AlertEvent(AlertSettings.NEGLECTED_CUSTOMER, office == null ? Groups.ALL : Groups.of(Groups.OFFICE, office),
                alert ? AlertCheck.RAISED : AlertCheck.RESOLVED, "warning", "neglected", contactGap.toString(), null, 0L, 0L,
                contactGap.toString(), at, message, at, customer, staff);
        String key = AlertsTopology.key(AlertSettings.NEGLECTED_CUSTOMER, customer);
        if (alert) {
            open.put(key, event);
        } else {
            open.delete(key);
        }
        return event;
    }
}
