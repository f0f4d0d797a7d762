package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.CohortCell;
import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.SettledHistory;
import io.crmpulse.streams.Groups;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;

/**
 * A customer's cohort (METRICS.md section 3): the month of its first activity, counted in {@code all} and in the
 * office it was acquired through. Activity never lies after stream time, so nothing here depends on it.
 */
final class Cohorts {

    /** The cohort month of a customer and the groups it counts in there. */
    record Acquisition(LocalDate cohort, List<String> groups) {
    }

    /** The customer was active in {@code month} (1) or not (absent), as a member of {@code cohort} in {@code group}. */
    record Cell(String group, LocalDate cohort, LocalDate month) implements Cells.Cell<Long> {
        @Override
        public SpecificRecord change(Long before, Long after) {
            long n = Cells.countChange(before, after);
            return n == 0 ? null : new CohortCell(cohort, month, n);
        }
    }

    private final CustomerState state;
    private final Timelines timelines;
    private final LifecycleSettings settings;

    Cohorts(CustomerState state, Timelines timelines, LifecycleSettings settings) {
        this.state = state;
        this.timelines = timelines;
        this.settings = settings;
    }

    /** Null for a customer without activity, which belongs to no cohort. */
    Acquisition acquisition() {
        SettledHistory settled = state.getSettled();
        if (settled != null && settled.getFirstActivity() != null) {
            return acquisition(settled.getFirstActivity().toEpochMilli(), settled.getAcquisitionOffice());
        }
        List<ActivityInstant> activity = state.getActivity();
        if (activity.isEmpty()) {
            return null;
        }
        long first = activity.get(0).getAt().toEpochMilli();
        return acquisition(first, timelines.valueAt(Groups.OFFICE, first));
    }

    private Acquisition acquisition(long firstActivity, String office) {
        return new Acquisition(settings.day(firstActivity).withDayOfMonth(1),
                office == null ? List.of(Groups.ALL) : List.of(Groups.ALL, Groups.of(Groups.OFFICE, office)));
    }

    /**
     * The customer counts once in every month with activity kept, in each group of its acquisition; of
     * {@code only} those months when not null.
     */
    Cells<Cell, Long> cells(Acquisition acquisition, Set<LocalDate> only) {
        Cells<Cell, Long> cells = new Cells<>();
        if (acquisition == null) {
            return cells;
        }
        Set<LocalDate> months = new TreeSet<>();
        for (ActivityInstant a : state.getActivity()) {
            LocalDate month = settings.day(a.getAt().toEpochMilli()).withDayOfMonth(1);
            if (only == null || only.contains(month)) {
                months.add(month);
            }
        }
        for (LocalDate month : months) {
            for (String group : acquisition.groups()) {
                cells.put(new Cell(group, acquisition.cohort(), month), 1L);
            }
        }
        return cells;
    }
}
