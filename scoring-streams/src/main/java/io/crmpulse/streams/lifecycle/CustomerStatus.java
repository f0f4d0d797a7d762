package io.crmpulse.streams.lifecycle;

import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.Assignment;
import io.crmpulse.state.ContactInstant;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.SettledHistory;
import java.time.Instant;
import java.util.List;

/**
 * Where a customer stands at an instant (METRICS.md section 2): its lifecycle state, first and last
 * activity, the office and staff it belongs to then, its last contact and the follow-up reminder that contact set.
 */
public record CustomerStatus(String customerId, State state, Instant firstActivity, Instant lastActivity,
                             int activities, String office, String staff, Instant lastContact, Instant nextFollowUp) {

    public enum State {
        PROSPECT, ACTIVE, AT_RISK, CHURNED
    }

    /**
     * Settled history (lifecycle.max-lateness) counts as a whole: it lies a month or more behind stream time, so
     * an instant before its end sees all of it.
     */
    public static CustomerStatus of(CustomerState customer, Instant at, LifecycleSettings settings) {
        SettledHistory settled = customer.getSettled();
        Instant first = settled == null ? null : settled.getFirstActivity();
        Instant last = settled == null ? null : settled.getLastActivity();
        int activities = settled == null ? 0 : settled.getActivities();
        for (ActivityInstant a : customer.getActivity()) {
            if (a.getAt().isAfter(at)) {
                break;
            }
            first = first == null ? a.getAt() : first;
            last = a.getAt();
            activities++;
        }
        State state = stateAt(at, last, last == null ? null : valueAt(customer.getSegment(), last), settings);
        ContactInstant contact = null;
        for (ContactInstant c : customer.getContacts()) {
            if (c.getAt().isAfter(at)) {
                break;
            }
            contact = c;
        }
        return new CustomerStatus(customer.getCustomerId(), state, first, last, activities, valueAt(customer.getOffice(), at),
                valueAt(customer.getStaff(), at), contact == null ? null : contact.getAt(), contact == null ? null : contact.getNextFollowUpAt());
    }

    /**
     * The lifecycle state at {@code at} of a customer whose last activity by then was {@code last} (null: none), in
     * {@code segment} then: the segment's windows from that activity say when it turns AT_RISK and CHURNED.
     */
    public static State stateAt(Instant at, Instant last, String segment, LifecycleSettings settings) {
        if (last == null) {
            return State.PROSPECT;
        }
        LifecycleSettings.Windows windows = settings.windowsFor(segment);
        if (!at.isBefore(last.plus(windows.churnAfter()))) {
            return State.CHURNED;
        }
        return at.isBefore(last.plus(windows.atRiskAfter())) ? State.ACTIVE : State.AT_RISK;
    }

    /** The value of a timeline at {@code at}: that of its last assignment at or before it; null before the first. */
    public static String valueAt(List<Assignment> timeline, Instant at) {
        String value = null;
        for (Assignment a : timeline) {
            if (a.getAt().isAfter(at)) {
                break;
            }
            value = a.getValue();
        }
        return value;
    }
}
