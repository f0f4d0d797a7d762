package io.crmpulse.streams.lifecycle;

import io.crmpulse.events.OrderEventType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The tunables of the customer analytics: METRICS.md section 2, the zone and revenue events of section 3,
 * the complaint SLA of section 4 and the service settings of section 5.
 *
 * @param atRiskAfter   {@code lifecycle.at-risk-after}: a customer is AT_RISK from last activity + this
 * @param churnAfter    {@code lifecycle.churn-after}: CHURNED from last activity + this (the churn instant)
 * @param activityTypes {@code lifecycle.activity-types}: order event types that are activity; an order is
 *                      one activity at the first of these events
 * @param zone          {@code analytics.zone}: the zone in which days, months and years are cut
 * @param maxLateness   {@code lifecycle.max-lateness}: events further behind the latest event of their partition are rejected as LATE
 *                      to the dead-letter topic; null (the default) accepts any lateness
 * @param orderLifetime {@code lifecycle.order-lifetime}, only under max-lateness (default {@link #DEFAULT_ORDER_LIFETIME}):
 *                      how long after an order's first activity (and first payment) its events still belong to it.
 *                      An order's entry is kept only while an accepted event can still fall within this of it; an
 *                      event of the same order id later than that counts as a new order. Null without max-lateness:
 *                      then every order's entry is kept, as any event of it may still arrive
 * @param resolveSla    {@code complaints.resolve-sla} (METRICS.md section 4): a complaint first resolved within
 *                      this of its opening meets the SLA
 * @param segments      {@code lifecycle.segments.X.at-risk-after} and {@code .churn-after}: the windows of
 *                      customers of segment X, instead of the two above
 * @param revenueTypes  {@code revenue.event-types}: the order events whose amount is paid revenue (the first
 *                      of them per order); REFUNDED amounts are subtracted
 * @param service       the service tunables of METRICS.md section 5
 * @param segmentation  the ABC and RFM tunables of METRICS.md section 7
 */
public record LifecycleSettings(Duration atRiskAfter, Duration churnAfter, Set<OrderEventType> activityTypes, ZoneId zone,
                                Duration maxLateness, Duration orderLifetime, Duration resolveSla, Map<String, Windows> segments,
                                Set<OrderEventType> revenueTypes, Service service, Segmentation segmentation) {

    /**
     * @param windowMonths {@code segments.abc.window}: calendar months of paid amount and activity ranked
     * @param aShare       {@code segments.abc.shares}, first: percent of the amount the A customers make up
     * @param bShare       {@code segments.abc.shares}, second: percent the B customers make up after them (C: the rest)
     * @param withinOffice {@code segments.abc.within}: rank within each office instead of the whole company
     * @param catchUpInterval {@code segments.catch-up-interval}: while stream time crosses days faster than this
     *                     much wall-clock time apart (replaying history), days in between are skipped and their
     *                     changes published together; zero classifies every day
     */
    public record Segmentation(int windowMonths, int aShare, int bShare, boolean withinOffice, Duration catchUpInterval) {

        /** Every day classified: what the spec describes, and deterministic for tests. */
        public static final Segmentation DEFAULTS = new Segmentation(12, 75, 20, false, Duration.ZERO);

        public Segmentation {
            if (windowMonths < 1 || windowMonths > 120) {
                throw new IllegalArgumentException("segments.abc.window must be 1 to 120 months, got " + windowMonths);
            }
            if (aShare <= 0 || bShare < 0 || aShare + bShare > 100) {
                throw new IllegalArgumentException("segments.abc.shares: A and B must be positive and at most 100 together, got "
                        + aShare + "/" + bShare);
            }
            if (catchUpInterval.isNegative()) {
                throw new IllegalArgumentException("segments.catch-up-interval must not be negative, got " + catchUpInterval);
            }
        }
    }

    /**
     * @param contactGap          {@code service.contact-gap}: an AT_RISK customer without a contact for this long is neglected
     * @param monthlyRecordTarget {@code service.monthly-record-target}: customer records each staff member completes a month
     *                            (002_5d13ebea8b489359.txt, lines 305-315)
     */
    public record Service(Duration contactGap, int monthlyRecordTarget) {

        public static final Service DEFAULTS = new Service(Duration.ofDays(30), 5);

        public Service {
            if (contactGap.isNegative() || contactGap.isZero()) {
                throw new IllegalArgumentException("service.contact-gap must be positive, got " + contactGap);
            }
            if (monthlyRecordTarget < 0) {
                throw new IllegalArgumentException("service.monthly-record-target must not be negative, got " + monthlyRecordTarget);
            }
        }
    }

    /** When a customer becomes AT_RISK and CHURNED after its last activity. */
    public record Windows(Duration atRiskAfter, Duration churnAfter) {

        /** @param key the configuration key the windows come from, for the error message */
        public Windows validated(String key) {
            if (atRiskAfter.isNegative() || atRiskAfter.isZero()) {
                throw new IllegalArgumentException(key + "at-risk-after must be positive, got " + atRiskAfter);
            }
            if (churnAfter.compareTo(atRiskAfter) <= 0) {
                throw new IllegalArgumentException(key + "churn-after (" + churnAfter + ") must be longer than " + key
                        + "at-risk-after (" + atRiskAfter + ")");
            }
            return this;
        }
    }

    /** Half a working day (001_774dd85515acb760.txt L91). */
    public static final Duration DEFAULT_RESOLVE_SLA = Duration.ofHours(4);

    /** Longer than any payment term or refund period an order's events are expected within. */
    public static final Duration DEFAULT_ORDER_LIFETIME = Duration.ofDays(365);

    public static final Duration DEFAULT_AT_RISK_AFTER = Duration.ofDays(60);
    public static final Duration DEFAULT_CHURN_AFTER = Duration.ofDays(90);

    public LifecycleSettings {
        new Windows(atRiskAfter, churnAfter).validated("lifecycle.");
        segments.forEach((segment, windows) -> windows.validated("lifecycle.segments." + segment + "."));
        segments = Map.copyOf(segments);
        if (activityTypes.isEmpty()) {
            throw new IllegalArgumentException("lifecycle.activity-types must name at least one order event type");
        }
        for (OrderEventType type : activityTypes) {
            if (type == OrderEventType.CANCELLED || type == OrderEventType.REFUNDED) {
                throw new IllegalArgumentException("lifecycle.activity-types: " + type + " is not activity (METRICS.md section 2)");
            }
        }
        activityTypes = Set.copyOf(activityTypes);
        if (revenueTypes.isEmpty() || revenueTypes.contains(OrderEventType.CANCELLED) || revenueTypes.contains(OrderEventType.REFUNDED)) {
            throw new IllegalArgumentException("revenue.event-types must name PLACED and/or PAID, got " + revenueTypes);
        }
        revenueTypes = Set.copyOf(revenueTypes);
        if (maxLateness != null && maxLateness.isNegative()) {
            throw new IllegalArgumentException("lifecycle.max-lateness must not be negative, got " + maxLateness);
        }
        if (maxLateness == null && orderLifetime != null) {
            throw new IllegalArgumentException("lifecycle.order-lifetime needs lifecycle.max-lateness: without it any event of an"
                    + " order may still arrive, so every order is kept");
        }
        if (maxLateness != null && orderLifetime == null) {
            orderLifetime = DEFAULT_ORDER_LIFETIME;
        }
        if (orderLifetime != null && (orderLifetime.isNegative() || orderLifetime.isZero())) {
            throw new IllegalArgumentException("lifecycle.order-lifetime must be positive, got " + orderLifetime);
        }
        if (resolveSla.isNegative() || resolveSla.isZero()) {
            throw new IllegalArgumentException("complaints.resolve-sla must be positive, got " + resolveSla);
        }
    }

    public LifecycleSettings(Duration atRiskAfter, Duration churnAfter, Set<OrderEventType> activityTypes, ZoneId zone) {
        this(atRiskAfter, churnAfter, activityTypes, zone, null, null, DEFAULT_RESOLVE_SLA, Map.of(), EnumSet.of(OrderEventType.PAID), Service.DEFAULTS, Segmentation.DEFAULTS);
    }

    public LifecycleSettings withZone(ZoneId zone) {
        return new LifecycleSettings(atRiskAfter, churnAfter, activityTypes, zone, maxLateness, orderLifetime, resolveSla, segments, revenueTypes, service, segmentation);
    }

    /** Max-lateness with the default order lifetime (none without max-lateness). */
    public LifecycleSettings withMaxLateness(Duration maxLateness) {
        return new LifecycleSettings(atRiskAfter, churnAfter, activityTypes, zone, maxLateness, null, resolveSla, segments, revenueTypes, service, segmentation);
    }

    public LifecycleSettings withOrderLifetime(Duration orderLifetime) {
        return new LifecycleSettings(atRiskAfter, churnAfter, activityTypes, zone, maxLateness, orderLifetime, resolveSla, segments, revenueTypes, service, segmentation);
    }

    public LifecycleSettings withSegments(Map<String, Windows> segments) {
        return new LifecycleSettings(atRiskAfter, churnAfter, activityTypes, zone, maxLateness, orderLifetime, resolveSla, segments, revenueTypes, service, segmentation);
    }

    public LifecycleSettings withService(Service service) {
        return new LifecycleSettings(atRiskAfter, churnAfter, activityTypes, zone, maxLateness, orderLifetime, resolveSla, segments, revenueTypes, service, segmentation);
    }

    public LifecycleSettings withSegmentation(Segmentation segmentation) {
        return new LifecycleSettings(atRiskAfter, churnAfter, activityTypes, zone, maxLateness, orderLifetime, resolveSla, segments, revenueTypes, service, segmentation);
    }

    public LifecycleSettings withRevenueTypes(Set<OrderEventType> revenueTypes) {
        return new LifecycleSettings(atRiskAfter, churnAfter, activityTypes, zone, maxLateness, orderLifetime, resolveSla, segments, revenueTypes, service, segmentation);
    }

    /** The day of {@code epochMillis} in {@link #zone()}. */
    public LocalDate day(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    }

    /** The windows of a customer of {@code segment} (null: no segment), the company's unless the segment has its own. */
    public Windows windowsFor(String segment) {
        Windows own = segment == null ? null : segments.get(segment);
        return own != null ? own : new Windows(atRiskAfter, churnAfter);
    }

    public static LifecycleSettings defaults() {
        return new LifecycleSettings(DEFAULT_AT_RISK_AFTER, DEFAULT_CHURN_AFTER,
                EnumSet.of(OrderEventType.PLACED, OrderEventType.PAID), ZoneId.of("UTC"));
    }
}
