package io.crmpulse.streams.lifecycle;

import io.crmpulse.state.ActivityInstant;
import io.crmpulse.state.Assignment;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.SettledHistory;
import io.crmpulse.streams.Groups;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A customer's activity instants and the episodes and transitions they make (METRICS.md section 2), derived from
 * the instants and the assignment timelines, never from arrival order: whatever order the events came in, the same
 * state gives the same transitions. Activity instants form episodes, maximal runs whose gaps are shorter than
 * churn-after; the first episode starts with NEW, each later one with REACTIVATED, and an episode whose churn
 * instant (last activity + churn-after) stream time has reached ends with CHURNED. Assignment changes strictly
 * inside an episode's active span are transfers.
 *
 * <p>Tie rules at one instant, from the spec: deadlines apply before events (an order exactly at the churn instant
 * is a reactivation, an assignment exactly then does not move the churn); an assignment applies before the activity
 * at its instant (a customer new through office B is new in B).
 */
final class Episodes {

    /** An episode's first and last activity instants. */
    record Episode(long first, long last) {
    }

    private final CustomerState state;
    private final Timelines timelines;
    private final LifecycleSettings settings;

    Episodes(CustomerState state, Timelines timelines, LifecycleSettings settings) {
        this.state = state;
        this.timelines = timelines;
        this.settings = settings;
    }

    /** The activity instants kept, ascending (those before the settled instant are folded into settled history). */
    List<ActivityInstant> instants() {
        return state.getActivity();
    }

    /** One more order whose activity lies at {@code at}, spending {@code amount}. */
    void add(long at, BigDecimal amount) {
        List<ActivityInstant> activity = state.getActivity();
        int i = 0;
        while (i < activity.size() && activity.get(i).getAt().toEpochMilli() < at) {
            i++;
        }
        if (i < activity.size() && activity.get(i).getAt().toEpochMilli() == at) {
            ActivityInstant existing = activity.get(i);
            existing.setOrders(existing.getOrders() + 1);
            existing.setAmount(existing.getAmount().add(amount));
        } else {
            activity.add(i, new ActivityInstant(Instant.ofEpochMilli(at), 1, amount));
        }
    }

    /** An order's activity moved away from {@code at} (an earlier event of the same order arrived late). */
    void remove(long at, BigDecimal amount) {
        List<ActivityInstant> activity = state.getActivity();
        for (int i = 0; i < activity.size(); i++) {
            ActivityInstant a = activity.get(i);
            if (a.getAt().toEpochMilli() == at) {
                if (a.getOrders() > 1) {
                    a.setOrders(a.getOrders() - 1);
                    a.setAmount(a.getAmount().subtract(amount));
                } else {
                    activity.remove(i);
                }
                return;
            }
        }
        throw new IllegalStateException("customer " + state.getCustomerId() + " has no activity at " + Instant.ofEpochMilli(at));
    }

    /** The last activity folded into settled history (its episode may go on in the instants kept), or null. */
    Long settledLast() {
        SettledHistory settled = state.getSettled();
        return settled == null || settled.getLastActivity() == null ? null : settled.getLastActivity().toEpochMilli();
    }

    /** The windows that apply after an activity at {@code at}: those of the segment the customer had then. */
    LifecycleSettings.Windows windowsAt(long at) {
        return settings.windowsFor(timelines.valueAt(Groups.SEGMENT, at));
    }

    private long churnAt(long lastActivity) {
        return lastActivity + windowsAt(lastActivity).churnAfter().toMillis();
    }

    /**
     * Episodes, ascending. A gap ends an episode when it reaches the churn window of the segment the customer had at
     * the activity before it (lifecycle.segments). When history has been settled, the first episode is the one of the
     * last settled activity, {last settled, last}: it started before the settled instant, and the instants kept may
     * go on with it.
     */
    List<Episode> list() {
        List<Episode> episodes = new ArrayList<>();
        Long settledLast = settledLast();
        long first = settledLast == null ? Long.MIN_VALUE : settledLast;
        long last = first;
        for (ActivityInstant a : state.getActivity()) {
            long at = a.getAt().toEpochMilli();
            if (last != Long.MIN_VALUE && at < churnAt(last)) {
                last = at;
            } else {
                if (last != Long.MIN_VALUE) {
                    episodes.add(new Episode(first, last));
                }
                first = at;
                last = at;
            }
        }
        if (last != Long.MIN_VALUE) {
            episodes.add(new Episode(first, last));
        }
        return episodes;
    }

    /**
     * Every transition with an instant at or before {@code now}, counted per group and day. Of an episode
     * carried over from settled history, only what can still change is derived: its transfers after the
     * last settled activity and its churn; its start and earlier transfers were published and are final.
     */
    FlowTally flowsUntil(long now) {
        FlowTally tally = new FlowTally();
        List<Episode> episodes = list();
        boolean carried = settledLast() != null;
        for (int e = 0; e < episodes.size(); e++) {
            Episode episode = episodes.get(e);
            long churnAt = churnAt(episode.last());
            if (episode.first() > now) {
                break;
            }
            Flow start = e > 0 ? Flow.REACTIVATED : Flow.NEW;
            boolean started = e == 0 && carried;
            if (!started) {
                tally.add(Groups.ALL, settings.day(episode.first()), start);
            }
            boolean churned = churnAt <= now;
            if (churned) {
                tally.add(Groups.ALL, settings.day(churnAt), Flow.CHURNED);
            }
            for (String dimension : Timelines.DIMENSIONS) {
                countDimension(tally, dimension, episode.first(), churnAt, churned, now, started ? null : start);
            }
        }
        return tally;
    }

    /** {@code start} null: the episode started before {@code first} (carried over), so its start is not counted. */
    private void countDimension(FlowTally tally, String dimension, long first, long churnAt, boolean churned, long now, Flow start) {
        List<Assignment> timeline = timelines.of(dimension);
        String current = null;
        int i = 0;
        while (i < timeline.size() && timeline.get(i).getAt().toEpochMilli() <= first) {
            current = timeline.get(i).getValue();
            i++;
        }
        if (current != null && start != null) {
            tally.add(Groups.of(dimension, current), settings.day(first), start);
        }
        long activeUntil = Math.min(churnAt, now + 1);
        for (; i < timeline.size() && timeline.get(i).getAt().toEpochMilli() < activeUntil; i++) {
            Assignment next = timeline.get(i);
            if (!Objects.equals(next.getValue(), current)) {
                LocalDate day = settings.day(next.getAt().toEpochMilli());
                if (current != null) {
                    tally.add(Groups.of(dimension, current), day, Flow.TRANSFERRED_OUT);
                }
                tally.add(Groups.of(dimension, next.getValue()), day, Flow.TRANSFERRED_IN);
                current = next.getValue();
            }
        }
        if (churned && current != null) {
            tally.add(Groups.of(dimension, current), settings.day(churnAt), Flow.CHURNED);
        }
    }

    /**
     * Folds the activity instants before {@code until} into {@code settled}: the first activity and the office it
     * came through (cohort), per-group counts of distinct days (lifetime repeat purchase), the repeat spend, and the
     * last of them, whose episode may go on.
     */
    void settle(SettledHistory settled, long until) {
        List<ActivityInstant> activity = state.getActivity();
        int n = 0;
        while (n < activity.size() && activity.get(n).getAt().toEpochMilli() < until) {
            n++;
        }
        if (n == 0) {
            return;
        }
        List<ActivityInstant> folded = activity.subList(0, n);
        if (settled.getFirstActivity() == null) {
            Instant first = folded.get(0).getAt();
            settled.setFirstActivity(first);
            settled.setAcquisitionOffice(timelines.valueAt(Groups.OFFICE, first.toEpochMilli()));
        }
        LocalDate firstDay = settings.day(settled.getFirstActivity().toEpochMilli());
        Map<String, Set<LocalDate>> days = new HashMap<>();
        BigDecimal repeatSpend = settled.getRepeatSpend();
        for (ActivityInstant a : folded) {
            long at = a.getAt().toEpochMilli();
            LocalDate day = settings.day(at);
            for (String group : timelines.groupsAt(at, null, null)) {
                days.computeIfAbsent(group, g -> new HashSet<>()).add(day);
            }
            if (!day.equals(firstDay)) {
                repeatSpend = repeatSpend.add(a.getAmount());
            }
        }
        days.forEach((group, distinct) -> settled.getDays().merge(group, distinct.size(), Integer::sum));
        settled.setRepeatSpend(repeatSpend);
        settled.setLastActivity(folded.get(n - 1).getAt());
        settled.setActivities(settled.getActivities() + n);
        folded.clear();
    }
}
