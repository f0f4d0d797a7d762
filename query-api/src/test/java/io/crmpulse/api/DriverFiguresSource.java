package io.crmpulse.api;

import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.state.CustomerState;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.risk.PurchaseSummary;
import io.crmpulse.streams.risk.Rfm;
import io.crmpulse.streams.risk.RiskSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The API's reads served by the real topology on a TopologyTestDriver, for HTTP tests without a broker;
 * it is also the model, rating and rule publisher, writing to the topology's topics, and the alert feed, reading its alerts topic.
 */
final class DriverFiguresSource implements FiguresSource, ModelPublisher, RatingPublisher, RulePublisher, AlertFeed {

    private final PipelineDriver pipeline;
    private final ApiSettings settings;
    private volatile String state = RUNNING;

    DriverFiguresSource(PipelineDriver pipeline, ApiSettings settings) {
        this.pipeline = pipeline;
        this.settings = settings;
    }

    @Override
    public Map<LocalDate, CustomerFlows> days(String group) {
        return pipeline.days(group);
    }

    @Override
    public Map<LocalDate, CustomerFlows> months(String group) {
        return pipeline.months(group);
    }

    @Override
    public Map<String, ActivityCell> repeat(String group) {
        return pipeline.repeat(group);
    }

    @Override
    public Map<LocalDate, ContactDay> contactDays(String group) {
        return pipeline.contactDays(group);
    }

    @Override
    public Map<String, ContactedCell> contacted(String group) {
        return pipeline.contacted(group);
    }

    @Override
    public Map<String, io.crmpulse.records.CoveredCell> covered(String group) {
        return pipeline.covered(group);
    }

    @Override
    public Map<LocalDate, ComplaintDay> complaintDays(String group) {
        return pipeline.complaintDays(group);
    }

    @Override
    public Map<java.time.YearMonth, Map<java.time.YearMonth, Long>> cohorts(String group) {
        return pipeline.cohorts(group);
    }

    @Override
    public Map<java.time.YearMonth, Map<java.time.YearMonth, java.math.BigDecimal>> revenueCohorts(String group) {
        return pipeline.revenueCohorts(group);
    }

    @Override
    public Optional<io.crmpulse.records.CustomerSegment> segment(String customerId) {
        return Optional.ofNullable(pipeline.driver().<String, io.crmpulse.records.CustomerSegment>getKeyValueStore(
                io.crmpulse.streams.StoreNames.CUSTOMER_SEGMENTS).get(customerId));
    }

    @Override
    public SegmentCounts segmentCounts() {
        return SegmentCounts.of(io.crmpulse.streams.segments.SegmentTally.read(
                pipeline.driver().<String, Long>getKeyValueStore(io.crmpulse.streams.StoreNames.SEGMENT_COUNTS)));
    }

    @Override
    public SortedSet<String> groups(String dimension) {
        return pipeline.groups(dimension + ":");
    }

    /** The test driver processes each record as it is piped in, so nothing is ever left unprocessed. */
    @Override
    public Progress progress() {
        return new Progress(pipeline.countedThrough(), pipeline.asOf(), 0);
    }

    @Override
    public Optional<CustomerRow> customer(String customerId, Instant asOf) {
        return pipeline.customerState(customerId).map(c -> row(c, asOf, model()));
    }

    /** Ranked as an instance ranks it: a group from its index of members, all from every customer's state. */
    @Override
    public AtRiskList.Part atRisk(String group, Instant asOf, int top) {
        Optional<ChurnRiskModel> model = model();
        AtRiskList list = new AtRiskList(group, asOf, settings.lifecycle(), model, settings.risk().horizonWeeks(), top);
        if (group.equals(io.crmpulse.streams.Groups.ALL)) {
            pipeline.customerStates().forEach(list::offer);
        } else {
            pipeline.rankings(group).forEach((id, ranking) -> {
                if (ranking == null || !list.offer(ranking)) {
                    list.offer(pipeline.customerState(id).orElseThrow());
                }
            });
        }
        return list.part(id -> pipeline.customerState(id).orElse(null), c -> row(c, asOf, model));
    }

    @Override
    public List<Rfm> summaries(Instant asOf) {
        return pipeline.customerStates().stream().flatMap(c -> PurchaseSummary.of(c, asOf, settings.zone()).stream()).toList();
    }

    @Override
    public Optional<ChurnRiskModel> model() {
        return pipeline.model(RiskSettings.name(settings.risk().variant()));
    }

    @Override
    public void publish(ChurnRiskModel model) {
        pipeline.publishModel(model);
    }

    @Override
    public void publish(io.crmpulse.records.ScorecardRating rating) {
        pipeline.publishRating(rating);
    }

    @Override
    public void publish(io.crmpulse.records.AlertRule rule) {
        pipeline.rule(rule.getRuleId(), rule);
    }

    @Override
    public void delete(String ruleId) {
        pipeline.rule(ruleId, null);
    }

    @Override
    public List<io.crmpulse.records.AlertEvent> alerts() {
        List<io.crmpulse.records.AlertEvent> alerts = new java.util.ArrayList<>(pipeline.alertStates());
        alerts.addAll(pipeline.customerAlerts());
        return alerts;
    }

    @Override
    public List<io.crmpulse.records.AlertRule> alertRules() {
        return pipeline.alertRules();
    }

    /** The events the topology writes to pulse.alerts, read off the test driver's output topic as they come. */
    @Override
    public org.reactivestreams.Publisher<io.crmpulse.records.AlertEvent> live() {
        return reactor.core.publisher.Flux.interval(java.time.Duration.ofMillis(50)).concatMapIterable(tick -> pipeline.alertEvents());
    }

    @Override
    public io.crmpulse.streams.scorecard.ScorecardState scorecard(String group) {
        return pipeline.scorecard(group);
    }

    private CustomerRow row(CustomerState c, Instant asOf, Optional<ChurnRiskModel> model) {
        return CustomerRow.of(c, asOf, settings.lifecycle(), model, settings.risk().horizonWeeks());
    }

    @Override
    public List<io.crmpulse.records.CustomerMatch> matches(int limit) {
        return pipeline.matches(limit);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public String state() {
        return state;
    }

    /** Plays the streams client's state, e.g. PENDING_ERROR after a broker loss. */
    void state(String state) {
        this.state = state;
    }
}
