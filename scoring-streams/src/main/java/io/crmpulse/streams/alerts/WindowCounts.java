package io.crmpulse.streams.alerts;

import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.MonthCounts;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.figures.ComplaintFigures;
import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The counts of one group over the days [{@code from}, {@code to}] (METRICS.md section 3), read from the counter stores
 * of its partition: S from the month totals before {@code from}'s month and the days of that month before it, the
 * flows and complaint counts from the window's days. A few dozen keys, whatever the group's history.
 */
final class WindowCounts {

    private WindowCounts() {
    }

    static MonthCounts of(ReadOnlyKeyValueStore<String, CustomerFlows> months, ReadOnlyKeyValueStore<String, CustomerFlows> days,
                          ReadOnlyKeyValueStore<String, ComplaintDay> complaints, String group, LocalDate from, LocalDate to) {
        LocalDate monthStart = from.withDayOfMonth(1);
        long start = 0;
        // Keys GROUP|YYYY-MM-DD sort by day; GROUP| with nothing after it sorts before every day.
        try (KeyValueIterator<String, CustomerFlows> it = months.range(Groups.keyPrefix(group), Groups.dayKey(group, monthStart.minusDays(1)))) {
            while (it.hasNext()) {
                start += net(it.next().value);
            }
        }
        long[] flows = new long[5];
        if (from.isAfter(monthStart)) {
            try (KeyValueIterator<String, CustomerFlows> it = days.range(Groups.dayKey(group, monthStart), Groups.dayKey(group, from.minusDays(1)))) {
                while (it.hasNext()) {
                    start += net(it.next().value);
                }
            }
        }
        try (KeyValueIterator<String, CustomerFlows> it = days.range(Groups.dayKey(group, from), Groups.dayKey(group, to))) {
            while (it.hasNext()) {
                CustomerFlows f = it.next().value;
                flows[0] += f.getNew$();
                flows[1] += f.getReactivated();
                flows[2] += f.getChurned();
                flows[3] += f.getTransferredIn();
                flows[4] += f.getTransferredOut();
            }
        }
        long[] c = new long[7];
        try (KeyValueIterator<String, ComplaintDay> it = complaints.range(Groups.dayKey(group, from), Groups.dayKey(group, to))) {
            while (it.hasNext()) {
                ComplaintFigures.add(c, it.next().value);
            }
        }
        long end = start + flows[0] + flows[1] - flows[2] + flows[3] - flows[4];
        return new MonthCounts(start, flows[0], flows[1], flows[2], flows[3], flows[4], end, c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    private static long net(CustomerFlows f) {
        return f.getNew$() + f.getReactivated() - f.getChurned() + f.getTransferredIn() - f.getTransferredOut();
    }
}
