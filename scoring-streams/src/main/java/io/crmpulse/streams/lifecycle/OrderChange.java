package io.crmpulse.streams.lifecycle;

import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.state.OrderActivity;
import io.crmpulse.state.OrderRevenue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one order event does to its customer (METRICS.md sections 2 and 3). Its activity: an order's activity is its
 * first activity event, so a late earlier one moves it, and the office and staff that event names are the customer's
 * from then on. Its revenue: the order's first payment (a late earlier one moves it to its own month) minus every
 * refund, each in its own month. Decided from the order's entries before anything is applied, so that only the
 * cells of the instants and months it touches are derived.
 */
final class OrderChange implements CustomerChange {

    private static final char KEY_SEPARATOR = '\u001f';
    private static final BigDecimal NO_AMOUNT = BigDecimal.ZERO.setScale(4);

    /** A change of revenue by {@code amount} in the month of {@code at}. */
    private record RevenueChange(long at, BigDecimal amount) {
    }

    private final OrderEvent event;
    private final LifecycleSettings settings;
    private final OrderEntries<OrderActivity> activity;
    private final OrderEntries<OrderRevenue> revenue;
    private final String orderKey;
    private final long at;
    private final BigDecimal amount;

    private final List<RevenueChange> revenueChanges = new ArrayList<>(2);
    private OrderRevenue paid;
    private OrderRevenue newPaid;
    private OrderActivity previous;
    private boolean movesActivity;

    OrderChange(OrderEvent event, LifecycleSettings settings, OrderEntries<OrderActivity> activity, OrderEntries<OrderRevenue> revenue) {
        this.event = event;
        this.settings = settings;
        this.activity = activity;
        this.revenue = revenue;
        Envelope envelope = event.getEnvelope();
        orderKey = envelope.getCustomerId() + KEY_SEPARATOR + (event.getOrderId() != null ? event.getOrderId() : envelope.getEventId());
        at = envelope.getOccurredAt().toEpochMilli();
        amount = event.getAmount() != null ? event.getAmount() : NO_AMOUNT;
    }

    @Override
    public EventFigures.Scope scope(CustomerHistory history) {
        if (event.getType() == OrderEventType.REFUNDED) {
            revenueChanges.add(new RevenueChange(at, amount.negate()));
        } else if (settings.revenueTypes().contains(event.getType())) {
            paid = revenue.find(orderKey, at);
            if (paid == null || at < paid.getPaidAt().toEpochMilli()) {
                if (paid != null) {
                    revenueChanges.add(new RevenueChange(paid.getPaidAt().toEpochMilli(), paid.getPaidAmount().negate()));
                }
                revenueChanges.add(new RevenueChange(at, amount));
                newPaid = new OrderRevenue(Instant.ofEpochMilli(at), amount);
            }
        }
        Set<LocalDate> months = new HashSet<>();
        revenueChanges.forEach(c -> months.add(settings.day(c.at()).withDayOfMonth(1)));
        if (settings.activityTypes().contains(event.getType())) {
            previous = activity.find(orderKey, at);
            movesActivity = previous == null || at < previous.getAt().toEpochMilli();
        }
        if (!movesActivity) {
            return new EventFigures.Scope(false, Set.of(), months, false);
        }
        Long removed = previous == null ? null : previous.getAt().toEpochMilli();
        Envelope envelope = event.getEnvelope();
        if (history.mayMoveAcquisition(at, removed)
                || history.timelines().officeOrStaffMoves(envelope.getOfficeId(), envelope.getStaffId(), at, false)) {
            return EventFigures.Scope.EVERYTHING;
        }
        return new EventFigures.Scope(false, removed == null ? Set.of(at) : Set.of(at, removed), months, false);
    }

    @Override
    public void apply(CustomerHistory history) {
        revenueChanges.forEach(c -> history.revenue().add(c.at(), c.amount()));
        if (newPaid != null) {
            revenue.replace(orderKey, paid, newPaid);
        }
        if (movesActivity) {
            if (previous != null) {
                history.episodes().remove(previous.getAt().toEpochMilli(), previous.getAmount());
            }
            history.episodes().add(at, amount);
            activity.replace(orderKey, previous, new OrderActivity(Instant.ofEpochMilli(at), amount));
            Envelope envelope = event.getEnvelope();
            history.timelines().assignOfficeAndStaff(envelope.getOfficeId(), envelope.getStaffId(), at, false);
        }
    }
}
