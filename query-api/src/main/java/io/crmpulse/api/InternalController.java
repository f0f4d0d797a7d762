package io.crmpulse.api;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.ResolveTime;
import io.crmpulse.streams.StoreNames;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What one instance answers for another: only its local stores, never forwarded further. */
@Controller("/internal/v1")
// Interactive queries read RocksDB and may forward over HTTP: never on the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = StoreLocator.class)
final class InternalController {

    private final StoreLocator locator;

    InternalController(StoreLocator locator) {
        this.locator = locator;
    }

    @Get("/days")
    Map<String, List<Long>> days(@QueryValue String group) {
        return flowsToWire(locator.localDayCounters(StoreNames.DAILY_COUNTERS, group, null));
    }

    /** An office's FINAL scorecards, ratings and late events (in {@link RecordsWire} form). */
    @Get("/scorecard")
    Map<String, List<String>> scorecard(@QueryValue String group) {
        return RecordsWire.toWire(locator.localScorecard(group, null));
    }

    /** The alerts this instance keeps in {@code store}, alert-states or customer-alerts (in {@link RecordsWire} form). */
    @Get("/alerts")
    List<String> alerts(@QueryValue String store) {
        if (!store.equals(StoreNames.ALERT_STATES) && !store.equals(StoreNames.CUSTOMER_ALERTS)) {
            throw new ApiErrors.BadParameter("store", "'" + store + "' keeps no alerts");
        }
        return RecordsWire.toWire(locator.localAlerts(store));
    }

    @Get("/months")
    Map<String, List<Long>> months(@QueryValue String group) {
        return flowsToWire(locator.localDayCounters(StoreNames.MONTHLY_COUNTERS, group, null));
    }

    private static Map<String, List<Long>> flowsToWire(Map<LocalDate, CustomerFlows> flows) {
        Map<String, List<Long>> wire = new LinkedHashMap<>();
        flows.forEach((day, f) -> wire.put(day.toString(), List.of(f.getNew$(), f.getReactivated(), f.getChurned(), f.getTransferredIn(),
                f.getTransferredOut(), f.getCustomers(), f.getAtRisk(), f.getNeglected(), f.getOverdue())));
        return wire;
    }

    /** Per period label: customers with activity, and those with repeat purchase. */
    @Get("/repeat")
    Map<String, List<Long>> repeat(@QueryValue String group) {
        Map<String, List<Long>> wire = new LinkedHashMap<>();
        locator.<ActivityCell>localPeriodCounters(StoreNames.REPEAT_COUNTERS, group, null)
                .forEach((label, cell) -> wire.put(label, List.of(cell.getActive(), cell.getRepeat())));
        return wire;
    }

    static Map<String, ActivityCell> repeatFromWire(Map<String, List<Long>> wire) {
        Map<String, ActivityCell> cells = new TreeMap<>();
        wire.forEach((label, v) -> cells.put(label, new ActivityCell(label, v.get(0), v.get(1))));
        return cells;
    }

    /** Per week or month label: customers contacted. */
    @Get("/contacted")
    Map<String, List<Long>> contacted(@QueryValue String group) {
        Map<String, List<Long>> wire = new LinkedHashMap<>();
        locator.<ContactedCell>localPeriodCounters(StoreNames.CONTACTED_COUNTERS, group, null)
                .forEach((label, cell) -> wire.put(label, List.of(cell.getCustomers())));
        return wire;
    }

    static Map<String, ContactedCell> contactedFromWire(Map<String, List<Long>> wire) {
        Map<String, ContactedCell> cells = new TreeMap<>();
        wire.forEach((label, v) -> cells.put(label, new ContactedCell(label, v.get(0))));
        return cells;
    }

    /** Per week or month label: the group's customers contacted in it. */
    @Get("/covered")
    Map<String, List<Long>> covered(@QueryValue String group) {
        Map<String, List<Long>> wire = new LinkedHashMap<>();
        locator.<CoveredCell>localPeriodCounters(StoreNames.COVERED_COUNTERS, group, null)
                .forEach((label, cell) -> wire.put(label, List.of(cell.getCustomers())));
        return wire;
    }

    static Map<String, CoveredCell> coveredFromWire(Map<String, List<Long>> wire) {
        Map<String, CoveredCell> cells = new TreeMap<>();
        wire.forEach((label, v) -> cells.put(label, new CoveredCell(label, v.get(0))));
        return cells;
    }

    @Get("/contact-days")
    Map<String, List<Long>> contactDays(@QueryValue String group) {
        Map<String, List<Long>> wire = new LinkedHashMap<>();
        locator.<ContactDay>localDayCounters(StoreNames.CONTACT_COUNTERS, group, null).forEach((day, d) -> wire.put(day.toString(),
                List.of(d.getVisits(), d.getRevisits(), d.getOtherContacts(), d.getFollowUpsSet(), d.getRecordsCompleted())));
        return wire;
    }

    static Map<LocalDate, ContactDay> contactDaysFromWire(Map<String, List<Long>> wire) {
        Map<LocalDate, ContactDay> days = new TreeMap<>();
        wire.forEach((day, v) -> days.put(LocalDate.parse(day), new ContactDay(LocalDate.parse(day), v.get(0), v.get(1), v.get(2), v.get(3), v.get(4))));
        return days;
    }

    /** A day's complaint counts, then each time to resolve as a pair (millis, complaints). */
    @Get("/complaint-days")
    Map<String, List<Long>> complaintDays(@QueryValue String group) {
        Map<String, List<Long>> wire = new LinkedHashMap<>();
        locator.<ComplaintDay>localDayCounters(StoreNames.COMPLAINT_COUNTERS, group, null).forEach((day, d) -> {
            List<Long> v = new ArrayList<>(List.of(d.getOpened(), d.getResolved(), d.getFirstResolved(), d.getAnswered(),
                    d.getSatisfied(), d.getSlaMet(), d.getReopened()));
            d.getResolveTimes().forEach(t -> {
                v.add(t.getMillis());
                v.add(t.getComplaints());
            });
            wire.put(day.toString(), v);
        });
        return wire;
    }

    static Map<LocalDate, ComplaintDay> complaintDaysFromWire(Map<String, List<Long>> wire) {
        Map<LocalDate, ComplaintDay> days = new TreeMap<>();
        wire.forEach((day, v) -> {
            List<ResolveTime> times = new ArrayList<>();
            for (int i = 7; i + 1 < v.size(); i += 2) {
                times.add(new ResolveTime(v.get(i), v.get(i + 1)));
            }
            days.put(LocalDate.parse(day), new ComplaintDay(LocalDate.parse(day), v.get(0), v.get(1), v.get(2), v.get(3), v.get(4),
                    v.get(5), v.get(6), times));
        });
        return days;
    }

    @Get("/cohorts")
    Map<String, Map<String, Long>> cohorts(@QueryValue String group) {
        Map<String, Map<String, Long>> wire = new LinkedHashMap<>();
        locator.localCohorts(group, null).forEach((cohort, months) -> {
            Map<String, Long> m = new LinkedHashMap<>();
            months.forEach((month, n) -> m.put(month.toString(), n));
            wire.put(cohort.toString(), m);
        });
        return wire;
    }

    static Map<java.time.YearMonth, Map<java.time.YearMonth, Long>> cohortsFromWire(Map<String, Map<String, Long>> wire) {
        Map<java.time.YearMonth, Map<java.time.YearMonth, Long>> cells = new TreeMap<>();
        wire.forEach((cohort, months) -> {
            Map<java.time.YearMonth, Long> m = new TreeMap<>();
            months.forEach((month, n) -> m.put(java.time.YearMonth.parse(month), n));
            cells.put(java.time.YearMonth.parse(cohort), m);
        });
        return cells;
    }

    @Get("/revenue-cohorts")
    Map<String, Map<String, java.math.BigDecimal>> revenueCohorts(@QueryValue String group) {
        Map<String, Map<String, java.math.BigDecimal>> wire = new LinkedHashMap<>();
        locator.localRevenueCohorts(group, null).forEach((cohort, months) -> {
            Map<String, java.math.BigDecimal> m = new LinkedHashMap<>();
            months.forEach((month, amount) -> m.put(month.toString(), amount));
            wire.put(cohort.toString(), m);
        });
        return wire;
    }

    static Map<java.time.YearMonth, Map<java.time.YearMonth, java.math.BigDecimal>> revenueFromWire(
            Map<String, Map<String, java.math.BigDecimal>> wire) {
        Map<java.time.YearMonth, Map<java.time.YearMonth, java.math.BigDecimal>> cells = new TreeMap<>();
        wire.forEach((cohort, months) -> {
            Map<java.time.YearMonth, java.math.BigDecimal> m = new TreeMap<>();
            months.forEach((month, amount) -> m.put(java.time.YearMonth.parse(month), amount));
            cells.put(java.time.YearMonth.parse(cohort), m);
        });
        return cells;
    }

    @Get("/segments/{id}")
    HttpResponse<SegmentRow> segment(String id) {
        return locator.localSegment(id, null).map(SegmentRow::of).map(HttpResponse::ok).orElseGet(HttpResponse::notFound);
    }

    @Get("/segments")
    SegmentCounts segmentCounts() {
        return locator.localSegmentCounts(null);
    }

    @Get("/matches")
    List<MatchRow> matches(@QueryValue int limit) {
        return locator.localMatches(limit).stream().map(MatchRow::of).toList();
    }

    @Get("/groups")
    List<String> groups(@QueryValue String dimension) {
        return List.copyOf(locator.localGroups(dimension));
    }

    @Get("/progress")
    Progress.Local progress() {
        return locator.localProgress();
    }

    static Map<String, Long> clockToWire(Map<Integer, Long> byPartition) {
        Map<String, Long> wire = new LinkedHashMap<>();
        byPartition.forEach((p, t) -> wire.put(Integer.toString(p), t));
        return wire;
    }

    @Get("/customers/{id}")
    HttpResponse<CustomerRow> customer(String id, @QueryValue("as_of") long asOf) {
        return locator.localCustomer(id, null, Instant.ofEpochMilli(asOf)).map(HttpResponse::ok)
                .orElseGet(HttpResponse::notFound);
    }

    @Get("/at-risk")
    AtRiskList.Part atRisk(@QueryValue String group, @QueryValue("as_of") long asOf, @QueryValue int top) {
        return locator.localAtRisk(group, Instant.ofEpochMilli(asOf), top);
    }

    @Get("/summaries")
    List<List<Double>> summaries(@QueryValue("as_of") long asOf) {
        return locator.localSummaries(Instant.ofEpochMilli(asOf)).stream().map(CustomerRows::rfmToWire).toList();
    }

    static Map<LocalDate, CustomerFlows> fromWire(Map<String, List<Long>> wire) {
        Map<LocalDate, CustomerFlows> days = new TreeMap<>();
        wire.forEach((day, v) -> days.put(LocalDate.parse(day), new CustomerFlows(LocalDate.parse(day), v.get(0), v.get(1), v.get(2), v.get(3), v.get(4),
                v.get(5), v.get(6), v.get(7), v.get(8))));
        return days;
    }
}
