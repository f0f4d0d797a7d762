package io.crmpulse.streams;

/**
 * Names of the state stores (each backed by a changelog topic {@code <application.id>-<name>-changelog})
 * and of the repartition topics. The query API reads {@link #DAILY_COUNTERS} and {@link #LIFECYCLE_CLOCK}.
 */
public final class StoreNames {

    /** Per customer: activity instants, assignment timelines, recognised-until (CustomerState). */
    public static final String CUSTOMER_STATE = "customer-state";
    /** Per customer and order: the instant and amount of the order's activity (the first of its activity events). */
    public static final String ORDER_ACTIVITY = "order-activity";
    /** Per customer and order: its first payment (OrderRevenue); refunds are not kept, each is subtracted as it comes. */
    public static final String ORDER_REVENUE = "order-revenue";
    /**
     * Under lifecycle.max-lateness: the same entries at the order's activity instant (a window store), kept for
     * lifecycle.order-lifetime + max-lateness.
     */
    public static final String ORDER_ACTIVITY_WINDOW = "order-activity-window";
    /** Under lifecycle.max-lateness: the same entries at the first payment's instant, kept like {@link #ORDER_ACTIVITY_WINDOW}. */
    public static final String ORDER_REVENUE_WINDOW = "order-revenue-window";
    /** Per source and event id: seen, so a duplicate changes nothing. */
    public static final String EVENT_DEDUPE = "event-dedupe";
    /** Under lifecycle.max-lateness: the same ids at their event time, kept only for max-lateness (a window store). */
    public static final String EVENT_DEDUPE_WINDOW = "event-dedupe-window";
    /**
     * Due-time index: (deadline, customer) for the next instant at which a customer's figures change without an event
     * (it turns AT_RISK or CHURNED, its last contact becomes service.contact-gap old, a follow-up reminder passes).
     */
    public static final String LIFECYCLE_DUE = "lifecycle-due";
    /** Per lifecycle partition: the stream time up to which every transition is published. */
    public static final String LIFECYCLE_CLOCK = "lifecycle-clock";
    /**
     * Per lifecycle partition: the largest event time of the partition's own events (clock ticks from other partitions
     * excluded), against which lifecycle.max-lateness is measured.
     */
    public static final String LIFECYCLE_EVENT_TIME = "lifecycle-event-time";
    /**
     * Per lifecycle partition, in memory and changelogged: the counter deltas of each input record processed since the
     * last send, one entry per record (key: a sequence number); the task adds them up in memory and sends the sums to
     * the group-deltas topic on a wall-clock schedule, then deletes the entries.
     */
    public static final String LIFECYCLE_DELTA_LOG = "lifecycle-delta-log";
    /**
     * Per lifecycle partition: {@code GROUP\u001fcustomer} for every office and staff member in a customer's
     * timelines (kept ones), with what an at-risk list ranks the customer by, so that one group's list is a scan of its
     * own entries, not of every customer.
     */
    public static final String GROUP_MEMBERS = "group-members";
    /** Global: the newest fitted churn-risk model, on every instance (key: the model's name). */
    public static final String CHURN_RISK_MODEL = "churn-risk-model";
    /**
     * Per group and day (key {@code GROUP|YYYY-MM-DD}): N, R, C, TI, TO, and the changes of the customers that need a
     * contact, partitioned by group.
     */
    public static final String DAILY_COUNTERS = "daily-counters";
    /**
     * Per group and month (key {@code GROUP|YYYY-MM-01}): the sum of the group's {@link #DAILY_COUNTERS} of the month's
     * days, so that month, quarter, half-year and year rows read a group's months instead of its days.
     */
    public static final String MONTHLY_COUNTERS = "monthly-counters";
    /** Per group, cohort month and month (key {@code GROUP|YYYY-MM|YYYY-MM}): customers of the cohort active in the month. */
    public static final String COHORT_COUNTERS = "cohort-counters";
    /** Per group and day (key {@code GROUP|YYYY-MM-DD}): complaint counts and times to resolve (ComplaintDay). */
    public static final String COMPLAINT_COUNTERS = "complaint-counters";
    /** Per group and period label (key {@code GROUP|LABEL}, label {@code lifetime} for whole histories): repeat purchase (ActivityCell). */
    public static final String REPEAT_COUNTERS = "repeat-counters";
    /** Per group, cohort month and month (key {@code GROUP|YYYY-MM|YYYY-MM}): the cohort's revenue in the month, net of refunds. */
    public static final String REVENUE_COHORT_COUNTERS = "revenue-cohort-counters";
    /** Per group and day (key {@code GROUP|YYYY-MM-DD}): visits, revisits, other contacts, follow-ups set, records completed. */
    public static final String CONTACT_COUNTERS = "contact-counters";
    /** Per group and period label (key {@code GROUP|LABEL}, ISO weeks and months): customers contacted (ContactedCell). */
    public static final String CONTACTED_COUNTERS = "contacted-counters";
    /** Per group and period label (key {@code GROUP|LABEL}, ISO weeks and months): the group's customers contacted in it (CoveredCell). */
    public static final String COVERED_COUNTERS = "covered-counters";
    /** Every customer's value for segmentation (revenue by month, activity days), in the one segments task. */
    public static final String CUSTOMER_VALUES = "customer-values";
    /** Every customer's ABC class and RFM scores (CustomerSegment), written when a daily classification changes them, in the one segments task. */
    public static final String CUSTOMER_SEGMENTS = "customer-segments";
    /** Customers per ABC class and RFM cell, and the latest day of a change, kept as segments change (SegmentTally), in the segments task. */
    public static final String SEGMENT_COUNTS = "segment-counts";
    /** Repartition of customer values to one partition (topic {@code <application.id>-customer-values-repartition}). */
    public static final String CUSTOMER_VALUES_REPARTITION = "customer-values";
    /**
     * Per counter task: {@code COUNTER_PARTITION:LIFECYCLE_PARTITION} → the instant up to which that lifecycle task's
     * counter deltas have been applied by that counter task (from its {@code Watermark}s). The least over every pair is
     * the instant through which the counters are complete ({@link #countedThroughKey}).
     */
    public static final String COUNTED_THROUGH = "counted-through";
    /** Per office and month (key {@code office:ID|YYYY-MM}): the FINAL scorecard, frozen when the month closed (OfficeScorecard). */
    public static final String SCORECARDS = "scorecards";
    /** Per office, month and event: the events (and ratings) that came after the month's scorecard was frozen (LateEvent). */
    public static final String SCORECARD_LATE_EVENTS = "scorecard-late-events";
    /** Per office and month (key {@code office:ID|YYYY-MM}): the latest manager's rating posted before the month closed. */
    public static final String SCORECARD_RATINGS = "scorecard-ratings";
    /** Per counter task: up to which instant each lifecycle task has closed months, and the last month frozen. */
    public static final String SCORECARD_CLOSING = "scorecard-closing";
    /** Global, on every instance: the alert rules (AlertRule) by id, from the compacted topic pulse.alert-rules. */
    public static final String ALERT_RULES = "alert-rules";
    /** Per counter task: {@code RULE|GROUP} → the latest change of that alert (AlertEvent: RAISED or RESOLVED). */
    public static final String ALERT_STATES = "alert-states";
    /** Per lifecycle partition: {@code RULE|CUSTOMER} → the open alert of a customer (AlertEvent: a neglected customer of segment A). */
    public static final String CUSTOMER_ALERTS = "customer-alerts";
    /** Repartition of every counter delta (GroupDelta) by group (topic {@code <application.id>-group-deltas-repartition}). */
    public static final String GROUP_DELTAS_REPARTITION = "group-deltas";

    /** Match key → CustomerMatch: the customer ids and offices that share it (one person's records across offices). */
    public static final String CUSTOMER_MATCHES = "customer-matches";
    /** Repartition of matched records by match key (topic {@code <application.id>-match-records-repartition}). */
    public static final String MATCH_RECORDS_REPARTITION = "match-records";

    /** The key of {@link #COUNTED_THROUGH} for what counter task {@code counterPartition} applied of lifecycle task {@code lifecyclePartition}. */
    public static String countedThroughKey(int counterPartition, int lifecyclePartition) {
        return counterPartition + ":" + lifecyclePartition;
    }

    private StoreNames() {
    }
}
