package io.crmpulse.streams.figures;

import io.crmpulse.records.ContactDay;
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
 * month, the records against service.monthly-record-target.
 */
public final class ContactFigures {

    private final ZoneId zone;
    private final LifecycleSettings.Service service;

    public ContactFigures(ZoneId zone, LifecycleSettings.Service service) {
        this.zone = zone;
        this.service = service;
    }

    /** One period of one group; {@code recordsTarget} and {@code recordsTargetMet} only for a staff member's month. */
    public record ContactRow(String period, String group, long visits, long revisits, long otherContacts, long contacts,
                             long followUpsSet, long recordsCompleted, Integer recordsTarget, Boolean recordsTargetMet,
                             boolean open, Instant periodStart, Instant periodEnd) {
    }

    public List<ContactRow> rows(String group, Map<LocalDate, ContactDay> days, Period period, LocalDate from, LocalDate to, Instant asOf) {
        boolean staffMonth = period == Period.Calendar.MONTH && group.startsWith(Groups.STAFF + ":");
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
            return new ContactRow(label, group, visits, revisits, other, visits + revisits + other, followUps, records,
                    staffMonth ? service.monthlyRecordTarget() : null, staffMonth ? records >= service.monthlyRecordTarget() : null,
                    open, start, end);
        });
    }
}
