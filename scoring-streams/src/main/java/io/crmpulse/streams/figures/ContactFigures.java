package io.crmpulse.streams.figures;

import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Contact work per period (METRICS.md section 5, the seeds' weekly and monthly reports): sums over days of
 * visits, revisits, other contacts, reminders set and customer records completed; for a staff member's
 * month, the records against service.monthly-record-target; for a week or month, the distinct customers
 * contacted (no sum over days, so other periods have none, with a reason).
 */
public final class ContactFigures {

    static final String NO_CONTACTED_PERIOD_REASON = "customers contacted are kept for calendar weeks and months";

    private final ZoneId zone;
    private final LifecycleSettings.Service service;

    public ContactFigures(ZoneId zone, LifecycleSettings.Service service) {
        this.zone = zone;
        this.service = service;
    }

    /**
     * One period of one group; {@code recordsTarget} and {@code recordsTargetMet} only for a staff member's month,
     * {@code customersContacted} only for a week or month (else {@code customersContactedNullReason} says why).
     */
    public record ContactRow(String period, String group, long visits, long revisits, long otherContacts, long contacts,
                             Long customersContacted, String customersContactedNullReason,
                             long followUpsSet, long recordsCompleted, Integer recordsTarget, Boolean recordsTargetMet,
                             boolean open, Instant periodStart, Instant periodEnd) {
    }

    /** @param contacted customers contacted by the group, by week and month label */
    public List<ContactRow> rows(String group, Map<LocalDate, ContactDay> days, Map<String, ContactedCell> contacted,
                                 Period period, LocalDate from, LocalDate to, Instant asOf) {
        boolean staffMonth = period == Period.Calendar.MONTH && group.startsWith(Groups.STAFF + ":");
        boolean weekOrMonth = period == Period.Calendar.WEEK || period == Period.Calendar.MONTH;
        return PeriodWalk.rows(days, period, from, to, asOf, zone, (label, inPeriod, start, end, open) -> {
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
            return new ContactRow(label, group, visits, revisits, other, visits + revisits + other,
                    customers, weekOrMonth ? null : NO_CONTACTED_PERIOD_REASON, followUps, records,
                    staffMonth ? service.monthlyRecordTarget() : null, staffMonth ? records >= service.monthlyRecordTarget() : null,
                    open, start, end);
        });
    }
}
