package io.crmpulse.streams.lifecycle;

import io.crmpulse.records.MonthAmount;
import io.crmpulse.records.RevenueCell;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.MonthRevenue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/** A customer's revenue, paid minus refunded, by month (METRICS.md section 3). */
final class Revenue {

    /** The customer's revenue in {@code month}, in its {@code cohort} in {@code group}. */
    record Cell(String group, LocalDate cohort, LocalDate month) implements Cells.Cell<BigDecimal> {
        @Override
        public SpecificRecord change(BigDecimal before, BigDecimal after) {
            BigDecimal amount = after == null ? before.negate() : before == null ? after : after.subtract(before);
            return amount.signum() == 0 ? null : new RevenueCell(cohort, month, amount);
        }
    }

    private final CustomerState state;
    private final LifecycleSettings settings;

    Revenue(CustomerState state, LifecycleSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    /** Paid minus refunded changes by {@code delta} in the month of {@code at}. */
    void add(long at, BigDecimal delta) {
        LocalDate month = settings.day(at).withDayOfMonth(1);
        List<MonthRevenue> revenue = state.getRevenue();
        int i = 0;
        while (i < revenue.size() && revenue.get(i).getMonth().isBefore(month)) {
            i++;
        }
        if (i < revenue.size() && revenue.get(i).getMonth().equals(month)) {
            BigDecimal sum = revenue.get(i).getAmount().add(delta);
            if (sum.signum() == 0) {
                revenue.remove(i);
            } else {
                revenue.get(i).setAmount(sum);
            }
        } else if (delta.signum() != 0) {
            revenue.add(i, new MonthRevenue(month, delta));
        }
    }

    /**
     * Revenue cohort cells: the revenue of each month kept, in the cohort of the customer's first activity and each
     * group of its acquisition ({@link Cohorts}); of {@code only} those months when not null. A customer without
     * activity belongs to no cohort and counts in none.
     */
    Cells<Cell, BigDecimal> cells(Cohorts.Acquisition acquisition, Set<LocalDate> only) {
        Cells<Cell, BigDecimal> cells = new Cells<>();
        if (acquisition == null) {
            return cells;
        }
        for (MonthRevenue r : state.getRevenue()) {
            if (only != null && !only.contains(r.getMonth())) {
                continue;
            }
            for (String group : acquisition.groups()) {
                cells.put(new Cell(group, acquisition.cohort(), r.getMonth()), r.getAmount());
            }
        }
        return cells;
    }

    /** The revenue of each month from {@code from} on. */
    List<MonthAmount> since(LocalDate from) {
        List<MonthAmount> revenue = new ArrayList<>();
        for (MonthRevenue r : state.getRevenue()) {
            if (!r.getMonth().isBefore(from)) {
                revenue.add(new MonthAmount(r.getMonth(), r.getAmount()));
            }
        }
        return revenue;
    }

    /** Drops the months before {@code month}, which no figure reads any more. */
    void dropBefore(LocalDate month) {
        // A copy: the lists a state store hands out do not support removal by iterator.
        state.setRevenue(new ArrayList<>(state.getRevenue().stream().filter(r -> !r.getMonth().isBefore(month)).toList()));
    }
}
