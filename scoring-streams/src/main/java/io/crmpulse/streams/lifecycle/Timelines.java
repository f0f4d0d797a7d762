package io.crmpulse.streams.lifecycle;

import io.crmpulse.state.Assignment;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.Groups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A customer's assignment timelines: the office, staff member, segment and region it belongs to from each instant
 * on. Every figure that counts a customer in a group reads the group from here at the figure's instant.
 */
final class Timelines {

    /** The dimensions a customer is assigned to groups of. */
    static final List<String> DIMENSIONS = List.of(Groups.OFFICE, Groups.STAFF, Groups.SEGMENT, Groups.REGION);

    /** The groups whose members' customers need contacts (METRICS.md section 5): the office and staff a customer belongs to. */
    static final List<String> ATTENTION = List.of(Groups.OFFICE, Groups.STAFF);

    /** A run of one value in a timeline, [from, to) (to is Long.MAX_VALUE for the last), as its group. */
    record Run(long from, long to, String group) {
    }

    private final CustomerState state;

    Timelines(CustomerState state) {
        this.state = state;
    }

    /** The entries of one dimension's timeline, ascending by instant, one per instant. */
    List<Assignment> of(String dimension) {
        return switch (dimension) {
            case Groups.OFFICE -> state.getOffice();
            case Groups.STAFF -> state.getStaff();
            case Groups.SEGMENT -> state.getSegment();
            case Groups.REGION -> state.getRegion();
            default -> throw new IllegalArgumentException("no timeline for dimension " + dimension);
        };
    }

    /**
     * From {@code at} on the customer belongs to {@code value} of {@code dimension}. One entry per instant:
     * an explicit assignment (customer stream) wins over one taken from an order, and between equals the
     * larger id wins, so the outcome never depends on arrival order.
     */
    void assign(String dimension, long at, String value, boolean explicit) {
        List<Assignment> timeline = of(dimension);
        int i = firstAtOrAfter(timeline, at);
        Assignment entry = new Assignment(Instant.ofEpochMilli(at), value, explicit);
        if (i < timeline.size() && timeline.get(i).getAt().toEpochMilli() == at) {
            if (wins(value, explicit, timeline.get(i))) {
                timeline.set(i, entry);
            }
        } else {
            timeline.add(i, entry);
        }
    }

    /**
     * Whether {@link #assign} with these arguments would change which value the dimension has at some instant: an
     * assignment that repeats the value in force, or loses to the entry at its instant, changes no figure.
     */
    boolean moves(String dimension, long at, String value, boolean explicit) {
        List<Assignment> timeline = of(dimension);
        int i = firstAtOrAfter(timeline, at);
        if (i < timeline.size() && timeline.get(i).getAt().toEpochMilli() == at) {
            return wins(value, explicit, timeline.get(i)) && !value.equals(timeline.get(i).getValue());
        }
        return i == 0 || !value.equals(timeline.get(i - 1).getValue());
    }

    /** The office and staff member an event names (either may be null) are the customer's from {@code at} on. */
    void assignOfficeAndStaff(String office, String staff, long at, boolean explicit) {
        if (office != null) {
            assign(Groups.OFFICE, at, office, explicit);
        }
        if (staff != null) {
            assign(Groups.STAFF, at, staff, explicit);
        }
    }

    /** Whether {@link #assignOfficeAndStaff} with these arguments would move the customer's office or staff at some instant. */
    boolean officeOrStaffMoves(String office, String staff, long at, boolean explicit) {
        return office != null && moves(Groups.OFFICE, at, office, explicit) || staff != null && moves(Groups.STAFF, at, staff, explicit);
    }

    private static int firstAtOrAfter(List<Assignment> timeline, long at) {
        int i = 0;
        while (i < timeline.size() && timeline.get(i).getAt().toEpochMilli() < at) {
            i++;
        }
        return i;
    }

    /** Whether an assignment of {@code value} replaces {@code existing}, the entry at its instant. */
    private static boolean wins(String value, boolean explicit, Assignment existing) {
        return explicit != existing.getExplicit() ? explicit : value.compareTo(existing.getValue()) > 0;
    }

    /** The value of a dimension at {@code at} (the latest assignment at or before it), or null. */
    String valueAt(String dimension, long at) {
        String value = null;
        for (Assignment a : of(dimension)) {
            if (a.getAt().toEpochMilli() > at) {
                break;
            }
            value = a.getValue();
        }
        return value;
    }

    /**
     * The groups the customer belongs to at {@code at}: all, and its office, staff, segment and region then;
     * where it has no office or staff then, {@code officeFallback} and {@code staffFallback} (may be null).
     */
    List<String> groupsAt(long at, String officeFallback, String staffFallback) {
        List<String> groups = new ArrayList<>(DIMENSIONS.size() + 1);
        groups.add(Groups.ALL);
        for (String dimension : DIMENSIONS) {
            String value = valueAt(dimension, at);
            if (value == null) {
                value = dimension.equals(Groups.OFFICE) ? officeFallback : dimension.equals(Groups.STAFF) ? staffFallback : null;
            }
            if (value != null) {
                groups.add(Groups.of(dimension, value));
            }
        }
        return groups;
    }

    /**
     * The runs of a dimension's timeline: consecutive entries of one value are one run (an order names its office
     * each time, so a timeline repeats its value as often as the customer ordered).
     */
    List<Run> runs(String dimension) {
        List<Assignment> timeline = of(dimension);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < timeline.size(); ) {
            String value = timeline.get(i).getValue();
            int next = i + 1;
            while (next < timeline.size() && timeline.get(next).getValue().equals(value)) {
                next++;
            }
            long to = next < timeline.size() ? timeline.get(next).getAt().toEpochMilli() : Long.MAX_VALUE;
            runs.add(new Run(timeline.get(i).getAt().toEpochMilli(), to, Groups.of(dimension, value)));
            i = next;
        }
        return runs;
    }

    /**
     * Every office and staff group in this customer's timelines as kept (so at least those it belongs to at any
     * instant still read): the groups whose index of members lists it.
     */
    Set<String> memberGroups() {
        Set<String> groups = new HashSet<>();
        for (String dimension : ATTENTION) {
            for (Assignment a : of(dimension)) {
                groups.add(Groups.of(dimension, a.getValue()));
            }
        }
        return groups;
    }

    /** Drops the entries of every timeline before the one in force at {@code at}, which no figure reads any more. */
    void dropBefore(long at) {
        for (String dimension : DIMENSIONS) {
            List<Assignment> timeline = of(dimension);
            int inForce = 0;
            while (inForce + 1 < timeline.size() && timeline.get(inForce + 1).getAt().toEpochMilli() <= at) {
                inForce++;
            }
            timeline.subList(0, inForce).clear();
        }
    }
}
