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
        State state;
        LifecycleSettings.Windows windows = last == null ? null : settings.windowsFor(valueAt(customer.getSegment(), last));
        if (last == null) {
            state = State.PROSPECT;
        } else if (!at.isBefore(last.plus(windows.churnAfter()))) {
            state = State.CHURNED;
        } else if (!at.isBefore(last.plus(windows.atRiskAfter()))) {
            state = State.AT_RISK;
        } else {
            state = State.ACTIVE;
        }
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

    private static String valueAt(List<Assignment> timeline, Instant at) {
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
