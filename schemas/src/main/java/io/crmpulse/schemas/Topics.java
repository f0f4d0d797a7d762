package io.crmpulse.schemas;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.records.AlertEvent;
import io.crmpulse.records.AlertRule;
import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.ClockTick;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.CustomerSegment;
import io.crmpulse.records.DeadLetter;
import io.crmpulse.records.ScorecardRating;
import java.util.List;

/**
 * Every topic that ingest, the streams and the API share. Event topics are keyed by customer id so
 * that all of one customer's events meet in one task. The application creates them all at start with
 * {@code pulse.partitions} partitions; the streams' own repartition and changelog topics are named
 * from the stores and operations (see scoring-streams).
 */
public final class Topics {

    public static final TopicSpec<CustomerEvent> CUSTOMER_EVENTS = new TopicSpec<>(
            "pulse.events.customer", CustomerEvent.class, TopicSpec.Retention.KEEP, "customer registrations, updates, assignments, classifications");
    public static final TopicSpec<ContactEvent> CONTACT_EVENTS = new TopicSpec<>(
            "pulse.events.contact", ContactEvent.class, TopicSpec.Retention.KEEP, "visits, revisits, calls, messages, follow-ups");
    public static final TopicSpec<OrderEvent> ORDER_EVENTS = new TopicSpec<>(
            "pulse.events.order", OrderEvent.class, TopicSpec.Retention.KEEP, "orders placed, paid, cancelled, refunded");
    public static final TopicSpec<ComplaintEvent> COMPLAINT_EVENTS = new TopicSpec<>(
            "pulse.events.complaint", ComplaintEvent.class, TopicSpec.Retention.KEEP, "complaints opened, resolved, reopened");
    public static final TopicSpec<DeadLetter> DEAD_LETTERS = new TopicSpec<>(
            "pulse.dead-letters", DeadLetter.class, TopicSpec.Retention.KEEP, "rejected records with source, position and reason");
    public static final TopicSpec<ClockTick> CLOCK = new TopicSpec<>(
            "pulse.clock", ClockTick.class, TopicSpec.Retention.FROM_APPEND, "stream time broadcast to every lifecycle partition");
    public static final TopicSpec<ChurnRiskModel> CHURN_RISK_MODEL = new TopicSpec<>(
            "pulse.models.churn-risk", ChurnRiskModel.class, TopicSpec.Retention.COMPACT, "the newest fitted churn-risk model (key: the model's name)");
    public static final TopicSpec<CustomerFlows> DAILY_COUNTERS = new TopicSpec<>(
            "pulse.daily-counters", CustomerFlows.class, TopicSpec.Retention.COMPACT, "per group and day: new, reactivated, churned, transferred in/out (key group|day)");

    public static final TopicSpec<ScorecardRating> SCORECARD_RATINGS = new TopicSpec<>(
            "pulse.scorecard-ratings", ScorecardRating.class, TopicSpec.Retention.KEEP,
            "managers' ratings of an office's month (key: office:ID, partitioned like the counters, which read it)");

    public static final TopicSpec<AlertRule> ALERT_RULES = new TopicSpec<>(
            "pulse.alert-rules", AlertRule.class, TopicSpec.Retention.COMPACT, "alert rules (key: rule id; a tombstone deletes one), read by every instance");

    public static final TopicSpec<AlertEvent> ALERTS = new TopicSpec<>(
            "pulse.alerts", AlertEvent.class, TopicSpec.Retention.KEEP, "alerts raised and resolved, once each (key: rule id and group or customer)");

    public static final TopicSpec<CustomerSegment> SEGMENT_CHANGES = new TopicSpec<>(
            "pulse.segment-changes", CustomerSegment.class, TopicSpec.Retention.FROM_APPEND, "ABC class and RFM score changes, recomputed daily (key: customer id)");

    private Topics() {
    }

    public static List<TopicSpec<?>> all() {
        return List.of(CUSTOMER_EVENTS, CONTACT_EVENTS, ORDER_EVENTS, COMPLAINT_EVENTS, DEAD_LETTERS, CLOCK, DAILY_COUNTERS, CHURN_RISK_MODEL,
                SEGMENT_CHANGES, SCORECARD_RATINGS, ALERT_RULES, ALERTS);
    }

    /** The event topic of a stream named as in mapping files: customer, contact, order or complaint. */
    public static TopicSpec<?> eventTopic(String stream) {
        return switch (stream) {
            case "customer" -> CUSTOMER_EVENTS;
            case "contact" -> CONTACT_EVENTS;
            case "order" -> ORDER_EVENTS;
            case "complaint" -> COMPLAINT_EVENTS;
            default -> throw new IllegalArgumentException("unknown stream '" + stream + "': expected customer, contact, order or complaint");
        };
    }
}
