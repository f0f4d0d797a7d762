package io.crmpulse.streams.lifecycle;

import io.crmpulse.state.CustomerState;
import io.crmpulse.state.SettledHistory;
import io.crmpulse.streams.figures.Period;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;

/**
 * Under lifecycle.max-lateness, folds into {@link SettledHistory} what no event can change any more once no event
 * before a horizon is accepted, and drops it, so that the state of a customer is bounded by the windows rather than
 * by the length of its history.
 *
 * <p>The settled instant is the start of a day no later than the start of every repeat-purchase period containing
 * the horizon (their cells before it are final) and than the segmentation window (which reads activity days and
 * monthly revenue), so it lies a month boundary or more behind the horizon. Every figure is derived as a difference
 * of before and after one event, so figures that settled history no longer yields are those no event can change.
 * Kept: the first activity (cohort, first purchase), the last settled activity (its episode may go on), per-group
 * counts of distinct days (lifetime repeat purchase) and the repeat spend, and each assignment timeline from its
 * value at the earliest instant still read. Contact marks go once their week or month ended before the horizon.
 * Contacts are kept from the week, the month and the contact gap that reach the settled instant, with the one before
 * them. A complaint is dropped once it was resolved and all its events lie before the settled instant.
 */
final class Settlement {

    private static final BigDecimal NO_AMOUNT = BigDecimal.ZERO.setScale(4);

    private final LifecycleSettings settings;

    Settlement(LifecycleSettings settings) {
        this.settings = settings;
    }

    void settle(CustomerHistory history, long horizon) {
        // A week or month that ended before the horizon gets no more contacts.
        history.contacts().dropMarksEndedBy(horizon);
        LocalDate h = settings.day(horizon);
        LocalDate cut = h.withDayOfMonth(1).minusMonths(settings.segmentation().windowMonths());
        for (Period.Calendar period : RepeatPurchase.PERIODS) {
            LocalDate start = period.periodOf(h);
            cut = start.isBefore(cut) ? start : cut;
        }
        long until = cut.atStartOfDay(settings.zone()).toInstant().toEpochMilli();
        CustomerState state = history.state();
        SettledHistory settled = state.getSettled();
        if (settled != null && settled.getUntil().toEpochMilli() >= until) {
            return;
        }
        if (settled == null) {
            settled = new SettledHistory(Instant.ofEpochMilli(until), null, null, null, 0, new HashMap<>(), NO_AMOUNT);
        }
        history.episodes().settle(settled, until);
        history.contacts().settle(until);
        history.revenue().dropBefore(cut);
        long timelinesRead = history.complaints().settle(until);
        if (settled.getLastActivity() != null) {
            timelinesRead = Math.min(timelinesRead, settled.getLastActivity().toEpochMilli());
        }
        history.timelines().dropBefore(timelinesRead);
        settled.setUntil(Instant.ofEpochMilli(until));
        state.setSettled(settled);
    }
}
