package io.crmpulse.streams.figures;

import io.crmpulse.records.ContactDay;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Contact work per period (METRICS.md section 5, the seeds' weekly and monthly reports): sums over days of
 * visits, revisits, other contacts, reminders set and customer records completed; for a staff member's
 * month, the records against service.monthly-record-target; for a week or month, the distinct customers
 * contacted (no sum over days, so other periods have none, with a reason). And at the period's end (as of
 * stream time while it is open), the group's own customers that need a contact: its customers and prospects,
 * AT_RISK customers and those of them with no contact for service.contact-gap, customers whose follow-up
 * reminder has passed, and, for a week or month, its customers and prospects with no contact in it.
 */
public final class ContactFigures {

    static final String NO_CONTACTED_PERIOD_REASON = "customers contacted are kept for calendar weeks and months";
    static final String NO_COVERED_PERIOD_REASON = "customers not contacted are kept for calendar weeks and months";
    private static final ContactDay NO_WORK = new ContactDay(LocalDate.EPOCH, 0L, 0L, 0L, 0L, 0L);

    private final ZoneId zone;
    private final LifecycleSettings.Service service;

    public ContactFigures(ZoneId zone, LifecycleSettings.Service service) {
        this.zone = zone;
        this.service = service;
    }

    /**
     * One period of one group; {@code recordsTarget} and {@code recordsTargetMet} only for a staff member's month,
     * {@code customersContacted} and {@code notContacted} only for a week or month (else their null reasons say why).
     * {@code customers}, {@code atRisk}, {@code neglectedAtRisk}, {@code overdueFollowUps} and {@code notContacted}
     * stand at the period's end, or as of stream time while it is open.
     */
    public record ContactRow(String period, String group, long visits, long revisits, long otherContacts, long contacts,
                             Long customersContacted, String customersContactedNullReason,
                             long followUpsSet, long recordsCompleted, Integer recordsTarget, Boolean recordsTargetMet,
                             long customers, long atRisk, long neglectedAtRisk, long overdueFollowUps,
                             Long notContacted, String notContactedNullReason,
                             boolean open, Instant periodStart, Instant periodEnd) {
    }

    /** The counts of the conditions that ask for a contact, at one instant (METRICS.md section 5). */
    public record Attention(long customers, long atRisk, long neglectedAtRisk, long overdueFollowUps) {
        static final Attention NONE = new Attention(0, 0, 0, 0);

        Attention plus(CustomerFlows d) {
            return new Attention(customers + d.getCustomers(), atRisk + d.getAtRisk(), neglectedAtRisk + d.getNeglected(),
                    overdueFollowUps + d.getOverdue());
        }
    }

    /** The counts at the end of each day with a change: the sum of the changes of that day and every day before. */
    public static NavigableMap<LocalDate, Attention> attentionByDay(Map<LocalDate, CustomerFlows> changes) {
        NavigableMap<LocalDate, Attention> counts = new TreeMap<>();
        Attention running = Attention.NONE;
        for (CustomerFlows d : new TreeMap<>(changes).values()) {
            running = running.plus(d);
            counts.put(d.getDay(), running);
        }
        return counts;
    }

    /** The counts at the end of {@code day}: those of the last day with a change up to it. */
    public static Attention attentionAt(NavigableMap<LocalDate, Attention> byDay, LocalDate day) {
        Map.Entry<LocalDate, Attention> e = byDay.floorEntry(day);
        return e == null ? Attention.NONE : e.getValue();
    }

    /**
     * @param contacted customers contacted by the group, by week and month label
     * @param attention the group's daily counters, whose changes of the conditions that ask for a contact are read
     * @param covered   the group's customers contacted in a week or month, by label
     */
    public List<ContactRow> rows(String group, Map<LocalDate, ContactDay> days, Map<String, ContactedCell> contacted,
                                 Map<LocalDate, CustomerFlows> attention, Map<String, CoveredCell> covered,
                                 Period period, LocalDate from, LocalDate to, Instant asOf) {
        boolean staffMonth = period == Period.Calendar.MONTH && group.startsWith(Groups.STAFF + ":");
        boolean weekOrMonth = period == Period.Calendar.WEEK || period == Period.Calendar.MONTH;
        NavigableMap<LocalDate, Attention> attentionByDay = attentionByDay(attention);
        // The periods to walk are those with contact work or a change of attention; the latter have no work.
        Map<LocalDate, ContactDay> walked = new TreeMap<>(days);
        attention.keySet().forEach(day -> walked.putIfAbsent(day, NO_WORK));
        return PeriodWalk.rows(walked, period, from, to, asOf, zone, (label, inPeriod, start, end, open) -> {
            long visits = 0;
            long revisits = 0;
            long other = 0;
            long followUps = 0;
            long records = 0;
            for (ContactDay d : inPeriod) {
                visits += d.getVisits();
                revisits += d.getRevisits();
                other += d.getOtherContacts();
                followUps += d.getFollowUpsSet();
                records += d.getRecordsCompleted();
            }
            ContactedCell cell = contacted.get(label);
            Long customers = !weekOrMonth ? null : cell == null ? 0L : cell.getCustomers();
            Attention atEnd = attentionAt(attentionByDay, LocalDate.ofInstant(end, zone).minusDays(1));
            CoveredCell reached = covered.get(label);
            Long notContacted = !weekOrMonth ? null : atEnd.customers() - (reached == null ? 0 : reached.getCustomers());
            return new ContactRow(label, group, visits, revisits, other, visits + revisits + other,
                    customers, weekOrMonth ? null : NO_CONTACTED_PERIOD_REASON, followUps, records,
                    staffMonth ? service.monthlyRecordTarget() : null, staffMonth ? records >= service.monthlyRecordTarget() : null,
                    atEnd.customers(), atEnd.atRisk(), atEnd.neglectedAtRisk(), atEnd.overdueFollowUps(),
                    notContacted, weekOrMonth ? null : NO_COVERED_PERIOD_REASON, open, start, end);
        });
    }
}
