package io.crmpulse.streams.lifecycle;

import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.ContactEventType;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.CustomerEventType;
import io.crmpulse.events.Envelope;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.records.AlertEvent;
import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.DeadLetter;
import io.crmpulse.records.GroupDelta;
import io.crmpulse.records.LateEvent;
import io.crmpulse.records.Watermark;
import io.crmpulse.state.ContactMark;
import io.crmpulse.state.CustomerState;
import io.crmpulse.state.MemberRanking;
import io.crmpulse.state.OrderActivity;
import io.crmpulse.state.OrderRevenue;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import io.crmpulse.streams.alerts.AlertSettings;
import io.crmpulse.streams.alerts.AlertsTopology;
import io.crmpulse.streams.lifecycle.EventFigures.Scope;
import io.crmpulse.streams.scorecard.ScorecardSettings;
import io.crmpulse.streams.segments.SegmentsTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each customer's history and publishes its lifecycle transitions as per-group, per-day counter
 * deltas ({@code CustomerFlows}), its cohort cells ({@code CohortCell}) and its complaint counts
 * ({@code ComplaintDay}), repeat-purchase cells ({@code ActivityCell}) and revenue cohort cells
 * ({@code RevenueCell}) as deltas too, each contact or customer record as contact work ({@code ContactDay}),
 * and the customer's value for segmentation when it changes ({@code CustomerValue}); with the flows, for the customers that
 * need a contact, its entries into and exits from each condition, and the weeks and months it was contacted in
 * ({@code CoveredCell}). On every change of a customer, the transitions up to the current stream time are derived
 * afresh and the difference to what was published before (the transitions up to the customer's
 * recognised-until instant) is published: a late order that closes a gap retracts its churn and
 * reactivation, and past days are corrected. Of the cells that only events move, just those the event can change
 * are derived ({@link CustomerChange#scope}). Counter deltas are added up per cell in the task and sent together
 * every send interval ({@link DeltaBuffer}); customer values and late events are forwarded as they come. Deadlines
 * of customers without new events fire from a due-time index ({@link DueIndex}) whenever stream time reaches them,
 * so no scan of all customers is ever made.
 */
final class LifecycleProcessor implements Processor<String, LifecycleInput, String, SpecificRecord> {

    private static final char KEY_SEPARATOR = '\u001f';
    /** Customer events that complete a customer record (the seeds' 5 records a month per staff member). */
    private static final java.util.Set<CustomerEventType> RECORD_WORK =
            java.util.EnumSet.of(CustomerEventType.REGISTERED, CustomerEventType.UPDATED, CustomerEventType.CLASSIFIED);

    private final LifecycleSettings settings;
    private final Duration sendInterval;
    private final ScorecardSettings scorecard;
    private final AlertSettings alerts;
    private NeglectAlerts neglect;
    private ProcessorContext<String, SpecificRecord> context;
    private DeltaBuffer deltas;
    private KeyValueStore<String, CustomerState> customers;
    private OrderEntries<OrderActivity> orderActivity;
    private OrderEntries<OrderRevenue> orderRevenue;
    private SeenEvents seen;
    private DueIndex due;
    private KeyValueStore<Integer, Long> clock;
    private GroupMembers members;
    /** Stream time up to which deadlines have been recognised (the clock's value for this partition). */
    private long recognizedUntil;
    /** The instant of the last watermark sent (MIN_VALUE: none since the task started). */
    private long watermarkSent = Long.MIN_VALUE;
    private KeyValueStore<Integer, Long> eventTime;
    /** The largest event time of this partition's own events so far (not clock ticks); MIN_VALUE before the first. */
    private long ownEventTime;

    /**
     * @param sendInterval how often the counter deltas added up since the last send are sent ({@link DeltaBuffer})
     * @param scorecard    when a month closes, after which an event of it is late for the office scorecard
     * @param alerts       which customers' neglect raises an alert to their account manager
     */
    LifecycleProcessor(LifecycleSettings settings, Duration sendInterval, ScorecardSettings scorecard, AlertSettings alerts) {
        this.settings = settings;
        this.sendInterval = sendInterval;
        this.scorecard = scorecard;
        this.alerts = alerts;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        customers = context.getStateStore(StoreNames.CUSTOMER_STATE);
        if (settings.maxLateness() == null) {
            orderActivity = OrderEntries.forever(context.getStateStore(StoreNames.ORDER_ACTIVITY));
            orderRevenue = OrderEntries.forever(context.getStateStore(StoreNames.ORDER_REVENUE));
            seen = SeenEvents.forever(context.getStateStore(StoreNames.EVENT_DEDUPE));
        } else {
            orderActivity = OrderEntries.withinLifetime(context.getStateStore(StoreNames.ORDER_ACTIVITY_WINDOW),
                    activity -> activity.getAt().toEpochMilli(), settings.orderLifetime(), settings.maxLateness());
            orderRevenue = OrderEntries.withinLifetime(context.getStateStore(StoreNames.ORDER_REVENUE_WINDOW),
                    paid -> paid.getPaidAt().toEpochMilli(), settings.orderLifetime(), settings.maxLateness());
            seen = SeenEvents.withinLateness(context.getStateStore(StoreNames.EVENT_DEDUPE_WINDOW));
        }
        due = new DueIndex(context.getStateStore(StoreNames.LIFECYCLE_DUE));
        clock = context.getStateStore(StoreNames.LIFECYCLE_CLOCK);
        members = new GroupMembers(context.getStateStore(StoreNames.GROUP_MEMBERS));
        Long recognized = clock.get(context.taskId().partition());
        recognizedUntil = recognized == null ? Long.MIN_VALUE : recognized;
        eventTime = context.getStateStore(StoreNames.LIFECYCLE_EVENT_TIME);
        Long stored = eventTime.get(context.taskId().partition());
        ownEventTime = stored == null ? Long.MIN_VALUE : stored;
        deltas = new DeltaBuffer(context.getStateStore(StoreNames.LIFECYCLE_DELTA_LOG));
        neglect = new NeglectAlerts(context.getStateStore(StoreNames.CUSTOMER_ALERTS), alerts, settings.service().contactGap());
        context.schedule(sendInterval, PunctuationType.WALL_CLOCK_TIME, wallClock -> send());
    }

    /**
     * Sends the counter deltas added up since the last send, then, when stream time has moved since the last one, a
     * watermark saying that every delta up to the recognised stream time has been sent: the counters read it after
     * those deltas, so they know when they are complete through it.
     */
    private void send() {
        long streamTime = context.currentStreamTimeMs();
        deltas.send(context, streamTime);
        if (recognizedUntil > watermarkSent) {
            int partition = context.taskId().partition();
            context.forward(new Record<>(Integer.toString(partition),
                    new GroupDelta(new Watermark(partition, Instant.ofEpochMilli(recognizedUntil), Instant.ofEpochMilli(closingTime()))),
                    streamTime));
            watermarkSent = recognizedUntil;
        }
    }

    /**
     * The instant up to which this task has closed months for the scorecard: its own events' latest time (not stream
     * time, which follows the clock ticks of partitions further ahead, by weeks while history is replayed), or stream
     * time less scorecard.quiet-partition-after for a partition whose own events have gone quiet. Never decreases.
     */
    private long closingTime() {
        long quiet = recognizedUntil == Long.MIN_VALUE ? Long.MIN_VALUE : recognizedUntil - scorecard.quietPartitionAfter().toMillis();
        return Math.max(ownEventTime, quiet);
    }

    /**
     * An event applied after its month closed here is late for the office scorecard: it travels with its deltas to the
     * office the customer had at the event, which lists it if that month's sheet is already FINAL.
     */
    private void markIfLate(String stream, Envelope envelope, CustomerHistory history) {
        java.time.YearMonth month = java.time.YearMonth.from(day(envelope));
        if (closingTime() < scorecard.closeOf(month, settings.zone()).toEpochMilli()) {
            return;
        }
        long at = envelope.getOccurredAt().toEpochMilli();
        String office = history.timelines().valueAt(Groups.OFFICE, at);
        office = office != null ? office : envelope.getOfficeId();
        if (office != null) {
            deltas.add(Groups.of(Groups.OFFICE, office), new LateEvent(month.toString(), stream, envelope.getSource(), envelope.getEventId(),
                    envelope.getCustomerId(), envelope.getOccurredAt()));
        }
    }

    @Override
    public void process(Record<String, LifecycleInput> record) {
        // Whenever stream time advances (with this record or a clock tick), deadlines up to it are recognised first. The
        // order changes no figure: each customer's are derived from its state and stream time. Not a stream-time
        // punctuation: one that fires on nearly every record keeps Kafka Streams from processing records in batches
        // between its checks for punctuations and commits (its batch halves whenever a punctuation ran).
        long streamTime = context.currentStreamTimeMs();
        if (streamTime > recognizedUntil) {
            recognizeDeadlines(streamTime);
        }
        if (record.value() instanceof LifecycleInput.Order order) {
            onOrder(order.event());
        } else if (record.value() instanceof LifecycleInput.Customer customer) {
            onCustomer(customer.event());
        } else if (record.value() instanceof LifecycleInput.Contact contact) {
            onContact(contact.event());
        } else if (record.value() instanceof LifecycleInput.Complaint complaint) {
            change("complaint", complaint.event().getEnvelope(),
                    CustomerChange.of(history -> Scope.COMPLAINTS, history -> history.complaints().apply(complaint.event())));
        }
        // A clock tick only advances stream time, which is all it is for.
        deltas.endOfRecord();
    }

    private void onOrder(OrderEvent event) {
        change("order", event.getEnvelope(), new OrderChange(event, settings, orderActivity, orderRevenue));
    }

    private void onCustomer(CustomerEvent event) {
        Envelope envelope = event.getEnvelope();
        long at = envelope.getOccurredAt().toEpochMilli();
        // Only an assignment that moves the customer's office, staff, segment or region at some instant changes its cells.
        java.util.function.Function<CustomerHistory, Scope> scope = history -> {
            Timelines timelines = history.timelines();
            boolean moves = timelines.officeOrStaffMoves(envelope.getOfficeId(), envelope.getStaffId(), at, true)
                    || event.getSegment() != null && timelines.moves(Groups.SEGMENT, at, event.getSegment(), true)
                    || event.getRegion() != null && timelines.moves(Groups.REGION, at, event.getRegion(), true);
            return moves ? Scope.EVERYTHING : Scope.NONE;
        };
        change("customer", envelope, CustomerChange.of(scope, history -> {
            if (envelope.getStaffId() != null && RECORD_WORK.contains(event.getType())) {
                forwardContactWork(envelope, new ContactDay(day(envelope), 0L, 0L, 0L, 0L, 1L));
            }
            history.timelines().assignOfficeAndStaff(envelope.getOfficeId(), envelope.getStaffId(), at, true);
            // A segment or region change of an active customer is a transfer between those groups too.
            if (event.getSegment() != null) {
                history.timelines().assign(Groups.SEGMENT, at, event.getSegment(), true);
            }
            if (event.getRegion() != null) {
                history.timelines().assign(Groups.REGION, at, event.getRegion(), true);
            }
        }));
    }

    /**
     * A contact is made by staff, so it is not activity (METRICS.md section 2); it makes a prospect known, and
     * counts the customer as contacted by whoever made it in its week and month, once.
     */
    private void onContact(ContactEvent event) {
        Envelope envelope = event.getEnvelope();
        change("contact", envelope, CustomerChange.of(history -> Scope.NONE, history -> {
            history.contacts().contactedAt(envelope.getOccurredAt(), event.getNextFollowUpAt());
            for (ContactMark mark : history.contacts().markContacted(envelope.getOccurredAt(), workGroups(envelope))) {
                deltas.add(mark.getGroup(), new ContactedCell(mark.getPeriod(), 1L));
            }
            ContactEventType type = event.getType();
            forwardContactWork(envelope, new ContactDay(day(envelope), type == ContactEventType.VISIT ? 1L : 0L,
                    type == ContactEventType.REVISIT ? 1L : 0L, type == ContactEventType.VISIT || type == ContactEventType.REVISIT ? 0L : 1L,
                    event.getNextFollowUpAt() != null ? 1L : 0L, 0L));
        }));
    }

    /**
     * Contact work (METRICS.md section 5) counts for whoever did it: in all, and in the office and staff the
     * event names. It is a plain count of deduplicated events, so it does not depend on arrival order.
     */
    private void forwardContactWork(Envelope envelope, ContactDay work) {
        for (String group : workGroups(envelope)) {
            deltas.add(group, work);
        }
    }

    /** Who did the work of an event: all, and the office and staff it names. */
    private static List<String> workGroups(Envelope envelope) {
        List<String> groups = new ArrayList<>(3);
        groups.add(Groups.ALL);
        if (envelope.getOfficeId() != null) {
            groups.add(Groups.of(Groups.OFFICE, envelope.getOfficeId()));
        }
        if (envelope.getStaffId() != null) {
            groups.add(Groups.of(Groups.STAFF, envelope.getStaffId()));
        }
        return groups;
    }

    private LocalDate day(Envelope envelope) {
        return LocalDate.ofInstant(envelope.getOccurredAt(), settings.zone());
    }


    /**
     * Applies one new event to its customer and publishes what that changes; a duplicate changes nothing.
     * Under lifecycle.max-lateness the customer's history that no accepted event can reach is settled first.
     */
    private void change(String stream, Envelope envelope, CustomerChange change) {
        String dedupeKey = stream + KEY_SEPARATOR + envelope.getSource() + KEY_SEPARATOR + envelope.getEventId();
        long at = envelope.getOccurredAt().toEpochMilli();
        if (seen.contains(dedupeKey, at)) {
            return;
        }
        long now = context.currentStreamTimeMs();
        // Lateness is measured against this partition's own events: stream time also follows the clock ticks of
        // partitions that are further ahead (a replay consumes partitions at different paces), and their events
        // are no reason to refuse this partition's.
        Long horizon = settings.maxLateness() == null || ownEventTime == Long.MIN_VALUE ? null
                : ownEventTime - settings.maxLateness().toMillis();
        if (horizon != null && at < horizon) {
            rejectLate(stream, envelope);
            return;
        }
        if (at > ownEventTime) {
            ownEventTime = at;
            eventTime.put(context.taskId().partition(), at);
        }
        seen.add(dedupeKey, at);
        CustomerHistory history = load(envelope.getCustomerId(), at);
        java.util.Set<String> groupsBefore = history.timelines().memberGroups();
        MemberRanking rankingBefore = GroupMembers.ranking(history.state(), settings.zone());
        if (settings.maxLateness() != null) {
            // Accepted from now on: events at or after this horizon, which this event's own time may have moved.
            history.settle(ownEventTime - settings.maxLateness().toMillis());
        }
        CustomerHistory.Recognized before = published(history);
        Scope scope = change.scope(history);
        EventFigures figuresBefore = history.figures(scope, now);
        // After the figures before it: an earlier first event moves the instant the customer is known from.
        history.seenAt(at);
        change.apply(history);
        EventFigures figuresAfter = history.figures(scope, now);
        if (figuresAfter.value() != null && !figuresAfter.value().equals(figuresBefore.value())) {
            context.forward(new Record<>(SegmentsTopology.KEY, figuresAfter.value(), now));
        }
        figuresAfter.forEachChangeSince(figuresBefore, deltas::add);
        publishChange(history, before, now);
        markIfLate(stream, envelope, history);
        members.update(envelope.getCustomerId(), groupsBefore, rankingBefore, history.timelines().memberGroups(),
                GroupMembers.ranking(history.state(), settings.zone()));
    }

    /**
     * lifecycle.max-lateness: the event is not applied, and not marked as seen, so that it can be
     * replayed after the limit is raised.
     */
    private void rejectLate(String stream, Envelope envelope) {
        long streamTime = context.currentStreamTimeMs();
        DeadLetter letter = DeadLetter.newBuilder().setSource(envelope.getSource()).setStream(stream).setFile(null).setLine(null)
                .setRequestId(null).setReason("LATE")
                .setMessage("event time " + envelope.getOccurredAt() + " is more than " + settings.maxLateness()
                        + " behind the latest event time of its partition, " + Instant.ofEpochMilli(ownEventTime) + " (lifecycle.max-lateness)")
                .setRaw(envelope.toString()).setColumns(List.of()).setRejectedAt(Instant.ofEpochMilli(streamTime)).build();
        context.forward(new Record<>(envelope.getSource(), letter, streamTime));
    }

    private CustomerHistory load(String customerId, long at) {
        CustomerState state = customers.get(customerId);
        return new CustomerHistory(state != null ? state : CustomerHistory.newState(customerId, at), settings);
    }

    private static CustomerHistory.Recognized published(CustomerHistory history) {
        return history.recognizedUntil(history.state().getRecognizedUntil().toEpochMilli());
    }

    /** Forwards what changed since {@code before}, then stores the customer as published up to {@code now}. */
    private void publishChange(CustomerHistory history, CustomerHistory.Recognized before, long now) {
        CustomerHistory.Recognized after = history.recognizedUntil(now);
        after.forEachChangeSince(before, deltas::add);
        CustomerState state = history.state();
        AlertEvent alert = neglect.update(state, history.timelines(), after.neglected(), now);
        if (alert != null) {
            context.forward(new Record<>(AlertsTopology.key(alert.getRuleId(), state.getCustomerId()), alert, now));
        }
        state.setRecognizedUntil(Instant.ofEpochMilli(now));
        Long nextDue = after.nextDeadline();
        due.move(state.getCustomerId(), state.getDueAt() == null ? null : state.getDueAt().toEpochMilli(), nextDue);
        state.setDueAt(nextDue == null ? null : Instant.ofEpochMilli(nextDue));
        customers.put(state.getCustomerId(), state);
    }

    /** Publishes the changes of every customer whose deadline stream time has reached since it was last recognised. */
    private void recognizeDeadlines(long streamTime) {
        for (String customerId : due.due(Math.max(0, recognizedUntil + 1), streamTime)) {
            CustomerState state = customers.get(customerId);
            CustomerHistory history = new CustomerHistory(state, settings);
            publishChange(history, published(history), streamTime);
        }
        clock.put(context.taskId().partition(), streamTime);
        recognizedUntil = streamTime;
    }
}
