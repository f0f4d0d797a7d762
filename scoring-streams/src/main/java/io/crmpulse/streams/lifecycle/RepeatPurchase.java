package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.counters.RepeatCountersTopology;
import io.crmpulse.streams.figures.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Repeat purchase of a customer (METRICS.md section 3): per group and period (and over its whole history), whether
 * it had activity there while in the group, and whether that activity fell on at least two distinct days. Activity
 * never lies after stream time, so nothing here depends on it.
 */
final class RepeatPurchase {

    /** The calendar periods over which repeat purchase is kept (a day has one day, so no repeat). */
    static final List<Period.Calendar> PERIODS = List.of(
            Period.Calendar.WEEK, Period.Calendar.MONTH, Period.Calendar.QUARTER, Period.Calendar.HALF_YEAR, Period.Calendar.YEAR);

    /** The customer's distinct activity days in a group and period (its label, or lifetime); absent when none. */
    record Cell(String group, String period) implements Cells.Cell<Integer> {
        @Override
        public SpecificRecord change(Integer before, Integer after) {
            int was = before == null ? 0 : before;
            int is = after == null ? 0 : after;
            long active = Integer.signum(is) - Integer.signum(was);
            long repeat = (is >= 2 ? 1 : 0) - (was >= 2 ? 1 : 0);
            return active == 0 && repeat == 0 ? null : new ActivityCell(period, active, repeat);
        }
    }

    private final CustomerState state;
    private final Timelines timelines;
    private final LifecycleSettings settings;

    RepeatPurchase(CustomerState state, Timelines timelines, LifecycleSettings settings) {
        this.state = state;
        this.timelines = timelines;
        this.settings = settings;
    }

    /**
     * Every cell of the customer, or when {@code touched} is not null, those an activity instant added or removed
     * there can change while no assignment moves: the cells of the groups the customer has at those instants, over
     * its whole history and in the periods of their days.
     */
    Cells<Cell, Integer> cells(Set<Long> touched) {
        Cells<Cell, Integer> cells = new Cells<>();
        if (touched != null && touched.isEmpty()) {
            return cells;
        }
        Set<String> groups = null;
        Map<Period.Calendar, Set<LocalDate>> periods = null;
        if (touched != null) {
            groups = new HashSet<>();
            periods = new EnumMap<>(Period.Calendar.class);
            for (long at : touched) {
                groups.addAll(timelines.groupsAt(at, null, null));
                LocalDate day = settings.day(at);
                for (Period.Calendar period : PERIODS) {
                    periods.computeIfAbsent(period, p -> new HashSet<>()).add(period.periodOf(day));
                }
            }
        }
        Map<Cell, Set<LocalDate>> days = new HashMap<>();
        for (ActivityInstant a : state.getActivity()) {
            long at = a.getAt().toEpochMilli();
            LocalDate day = settings.day(at);
            List<String> labels = new ArrayList<>(PERIODS.size() + 1);
            labels.add(RepeatCountersTopology.LIFETIME);
            for (Period.Calendar period : PERIODS) {
                LocalDate start = period.periodOf(day);
                if (periods == null || periods.get(period).contains(start)) {
                    labels.add(period.label(start));
                }
            }
            for (String group : timelines.groupsAt(at, null, null)) {
                if (groups != null && !groups.contains(group)) {
                    continue;
                }
                for (String label : labels) {
                    days.computeIfAbsent(new Cell(group, label), k -> new HashSet<>()).add(day);
                }
            }
        }
        // Settled days are earlier than every day kept, so whole-history counts simply add up.
        Map<String, Integer> settledDays = state.getSettled() == null ? Map.of() : state.getSettled().getDays();
        for (String group : settledDays.keySet()) {
            if (groups == null || groups.contains(group)) {
                days.computeIfAbsent(new Cell(group, RepeatCountersTopology.LIFETIME), k -> new HashSet<>());
            }
        }
        days.forEach((cell, distinct) -> cells.put(cell,
                distinct.size() + (cell.period().equals(RepeatCountersTopology.LIFETIME) ? settledDays.getOrDefault(cell.group(), 0) : 0)));
        return cells;
    }
}
