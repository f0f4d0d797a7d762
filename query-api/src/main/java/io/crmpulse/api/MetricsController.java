package io.crmpulse.api;

import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.CoveredCell;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.counters.RepeatCountersTopology;
import io.crmpulse.streams.figures.CohortFigures;
import io.crmpulse.streams.figures.ComplaintFigures;
import io.crmpulse.streams.figures.ContactFigures;
import io.crmpulse.streams.figures.ComplaintFigures.ComplaintRow;
import io.crmpulse.streams.figures.CustomerFigures;
import io.crmpulse.streams.figures.Period;
import io.crmpulse.streams.figures.PeriodRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/metrics/customers}: the rates of METRICS.md section 3 per period and group. */
@Controller("/api/v1/metrics")
// Interactive queries read RocksDB and may forward over HTTP: never on the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
final class MetricsController {

    private final FiguresSource source;
    private final ApiSettings settings;
    private final CustomerFigures figures;
    private final ComplaintFigures complaintFigures;
    private final ContactFigures contactFigures;

    MetricsController(FiguresSource source, ApiSettings settings) {
        this.source = source;
        this.settings = settings;
        this.figures = new CustomerFigures(settings.zone());
        this.complaintFigures = new ComplaintFigures(settings.zone());
        this.contactFigures = new ContactFigures(settings.zone(), settings.lifecycle().service());
    }

    /** The parameters every period endpoint takes: the groups the caller may read, the period kind, from and to. */
    private record PeriodQuery(List<String> groups, Period period, LocalDate from, LocalDate to) {
    }

    private PeriodQuery periodQuery(HttpRequest<?> request, String group, String period, String from, String to) {
        GroupParam g = GroupParam.parse(group);
        Period p = parsePeriod(period);
        LocalDate fromDay = parseDay("from", from, false);
        LocalDate toDay = parseDay("to", to, true);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw new ApiErrors.BadParameter("from", "from " + from + " is after to " + to);
        }
        ApiKey caller = request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
        return new PeriodQuery(groupsFor(g, caller), p, fromDay, toDay);
    }

    @Get("/customers")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> customers(HttpRequest<?> request,
                              @Nullable @QueryValue String group, @Nullable @QueryValue String period,
                              @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                              @Nullable @Header("Accept") String accept) {
        PeriodQuery q = periodQuery(request, group, period, from, to);
        Progress progress = source.progress();
        Instant asOf = progress.countedThrough();
        List<PeriodRow> rows = new ArrayList<>();
        for (String key : q.groups()) {
            rows.addAll(figures.rows(key, flows(key, q.period()), source.repeat(key), q.period(), q.from(), q.to(), asOf));
            limitRows(rows.size());
        }
        return PeriodAnswers.response(accept, PeriodAnswers.CUSTOMER_COLUMNS, progress, rows.stream().map(PeriodAnswers::json).toList(), Map.of());
    }

    /** {@code GET /api/v1/metrics/complaints}: the complaint figures of METRICS.md section 4 per period and group. */
    @Get("/complaints")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> complaints(HttpRequest<?> request,
                               @Nullable @QueryValue String group, @Nullable @QueryValue String period,
                               @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                               @Nullable @Header("Accept") String accept) {
        PeriodQuery q = periodQuery(request, group, period, from, to);
        Progress progress = source.progress();
        Instant asOf = progress.countedThrough();
        List<ComplaintRow> rows = new ArrayList<>();
        for (String key : q.groups()) {
            Map<LocalDate, ComplaintDay> days = source.complaintDays(key);
            if (!days.isEmpty()) {
                List<PeriodRow> customerRows = figures.rows(key, flows(key, q.period()), Map.of(), q.period(), null, q.to(), asOf);
                rows.addAll(complaintFigures.rows(key, days, customerRows, q.period(), q.from(), q.to(), asOf));
                limitRows(rows.size());
            }
        }
        return PeriodAnswers.response(accept, PeriodAnswers.COMPLAINT_COLUMNS, progress, rows.stream().map(PeriodAnswers::json).toList(), Map.of());
    }

    /**
     * {@code GET /api/v1/metrics/contacts}: contact work per period (METRICS.md section 5) of all, an office
     * or a staff member, with the group's customers that need a contact at each period's end; and the same as of
     * stream time: AT_RISK ones without a contact for service.contact-gap, overdue follow-up reminders, and
     * customers and prospects not contacted yet this month. All of it is read from counters, not from the customers.
     */
    @Get("/contacts")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> contacts(HttpRequest<?> request,
                             @Nullable @QueryValue String group, @Nullable @QueryValue String period,
                             @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                             @Nullable @Header("Accept") String accept) {
        String dimension = GroupParam.parse(group).dimension();
        if (dimension.equals(Groups.SEGMENT) || dimension.equals(Groups.REGION)) {
            throw new ApiErrors.BadParameter("group", "contact work is kept for all, offices and staff (who did the work)");
        }
        PeriodQuery q = periodQuery(request, group, period, from, to);
        Progress progress = source.progress();
        Instant asOf = progress.countedThrough();
        List<Map<String, Object>> data = new ArrayList<>();
        List<Map<String, Object>> now = new ArrayList<>();
        for (String key : q.groups()) {
            Map<LocalDate, CustomerFlows> attention = source.days(key);
            Map<String, CoveredCell> covered = source.covered(key);
            contactFigures.rows(key, source.contactDays(key), source.contacted(key), attention, covered, q.period(), q.from(), q.to(), asOf)
                    .forEach(r -> data.add(PeriodAnswers.json(r)));
            limitRows(data.size());
            if (asOf != null) {
                now.add(attention(key, attention, covered, asOf));
            }
        }
        return PeriodAnswers.response(accept, PeriodAnswers.CONTACT_COLUMNS, progress, data, Map.of("attention", now));
    }

    /** The customers of a group that need a contact, as of {@code asOf} (METRICS.md section 5): those of the month still open. */
    private Map<String, Object> attention(String group, Map<LocalDate, CustomerFlows> attention, Map<String, CoveredCell> covered, Instant asOf) {
        LocalDate today = LocalDate.ofInstant(asOf, settings.zone());
        List<ContactFigures.ContactRow> month = contactFigures.rows(group, Map.of(), Map.of(), attention, covered, Period.Calendar.MONTH,
                today, today, asOf);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", group);
        m.put("customers_and_prospects", month.isEmpty() ? 0 : month.get(0).customers());
        m.put("at_risk_customers", month.isEmpty() ? 0 : month.get(0).atRisk());
        m.put("neglected_at_risk_customers", month.isEmpty() ? 0 : month.get(0).neglectedAtRisk());
        m.put("overdue_follow_ups", month.isEmpty() ? 0 : month.get(0).overdueFollowUps());
        m.put("not_contacted_this_month", month.isEmpty() ? 0 : month.get(0).notContacted());
        m.put("contact_gap", settings.lifecycle().service().contactGap().toString());
        return m;
    }

    /**
     * {@code GET /api/v1/metrics/repeat-purchase}: repeat purchase over each customer's whole history
     * (METRICS.md section 3): customers with activity while in the group, and those with activity on two or
     * more distinct days.
     */
    @Get("/repeat-purchase")
    Map<String, Object> repeatPurchase(HttpRequest<?> request, @Nullable @QueryValue String group) {
        ApiKey caller = request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : groupsFor(GroupParam.parse(group), caller)) {
            ActivityCell lifetime = source.repeat(key).get(RepeatCountersTopology.LIFETIME);
            long customers = lifetime == null ? 0 : lifetime.getActive();
            long repeat = lifetime == null ? 0 : lifetime.getRepeat();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", key);
            row.put("customers", customers);
            row.put("repeat_customers", repeat);
            row.put("repeat_purchase_rate", customers == 0 ? null : (double) repeat / customers);
            if (customers == 0) {
                row.put("null_reason", "no customer of the group has activity");
            }
            rows.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Progress progress = source.progress();
        progress.putInto(body, progress.countedThrough());
        body.put("data", rows);
        return body;
    }

    /**
     * {@code GET /api/v1/metrics/cohorts}: the retention matrix of METRICS.md section 3, per cohort month;
     * {@code measure=revenue} gives the revenue matrix (net of refunds) with net revenue retention.
     */
    @Get("/cohorts")
    Map<String, Object> cohorts(HttpRequest<?> request, @Nullable @QueryValue String group,
                                @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                @Nullable @QueryValue String measure) {
        GroupParam g = GroupParam.parse(group);
        if (!g.dimension().equals(Groups.ALL) && !g.dimension().equals(Groups.OFFICE)) {
            throw new ApiErrors.BadParameter("group", "cohorts are kept for all and for each office (the office of the first order)");
        }
        boolean revenue = "revenue".equals(measure);
        if (measure != null && !revenue && !"customers".equals(measure)) {
            throw new ApiErrors.BadParameter("measure", "'" + measure + "' is not customers or revenue");
        }
        java.time.YearMonth fromMonth = parseMonth("from", from);
        java.time.YearMonth toMonth = parseMonth("to", to);
        ApiKey caller = request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
        Progress progress = source.progress();
        Instant asOf = progress.countedThrough();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : groupsFor(g, caller)) {
            if (revenue) {
                for (CohortFigures.RevenueRow r : CohortFigures.revenueRows(source.revenueCohorts(key), asOf, settings.zone(), fromMonth, toMonth)) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("cohort", r.cohort());
                    row.put("group", key);
                    row.put("revenue", r.revenue());
                    row.put("net_revenue_retention", r.netRevenueRetention());
                    row.put("open_offset", r.openOffset());
                    rows.add(row);
                }
                continue;
            }
            for (CohortFigures.CohortRow r : CohortFigures.rows(source.cohorts(key), asOf, settings.zone(), fromMonth, toMonth)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("cohort", r.cohort());
                row.put("group", key);
                row.put("size", r.size());
                row.put("retention", r.retention());
                row.put("active_counts", r.activeCounts());
                row.put("open_offset", r.openOffset());
                rows.add(row);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        progress.putInto(body, asOf);
        body.put("data", rows);
        return body;
    }

    /** A group's flows as {@code period}'s rows need them: summed per month when its periods are whole months, else per day. */
    private Map<LocalDate, CustomerFlows> flows(String group, Period period) {
        return period.wholeMonths() ? source.months(group) : source.days(group);
    }

    /**
     * One answer holds at most {@code limits.maxRows} rows; checked after each group, so a request over it stops
     * reading within one group of the limit.
     */
    private void limitRows(int rows) {
        int max = settings.limits().maxRows();
        if (rows > max) {
            throw new ApiErrors.BadParameter("period", "this request gives more than " + max + " rows; narrow it with from and to, "
                    + "a longer period, or one group instead of every office or staff member");
        }
    }

    private static java.time.YearMonth parseMonth(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.YearMonth.parse(value.length() > 7 ? value.substring(0, 7) : value);
        } catch (DateTimeParseException e) {
            throw new ApiErrors.BadParameter(name, "'" + value + "' is not a month (YYYY-MM) or a date");
        }
    }

    private List<String> groupsFor(GroupParam g, ApiKey caller) {
        if (g.dimension().equals(Groups.ALL)) {
            if (!caller.unscoped()) {
                throw new ApiErrors.Forbidden("the company-wide group needs a key for all offices; this key covers " + caller.offices());
            }
            return List.of(Groups.ALL);
        }
        if (g.everyMember()) {
            List<String> members = source.groups(g.dimension()).stream()
                    .filter(k -> !g.dimension().equals(Groups.OFFICE) || caller.mayRead(k.substring(Groups.OFFICE.length() + 1)))
                    .toList();
            if (!g.dimension().equals(Groups.OFFICE) && !caller.unscoped()) {
                throw new ApiErrors.Forbidden(g.dimension() + " groups need a key for all offices");
            }
            return members;
        }
        if (g.dimension().equals(Groups.OFFICE) && !caller.mayRead(g.id())) {
            throw new ApiErrors.Forbidden("this key does not cover office " + g.id());
        }
        if (!g.dimension().equals(Groups.OFFICE) && !caller.unscoped()) {
            throw new ApiErrors.Forbidden(g.dimension() + " groups need a key for all offices");
        }
        if (source.months(g.key()).isEmpty()) {
            throw new ApiErrors.NotFound("no figures for group " + g.key() + " (unknown " + g.dimension() + ")");
        }
        return List.of(g.key());
    }

    private static Period parsePeriod(String period) {
        try {
            return Period.parse(period == null ? "month" : period);
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadParameter("period", e.getMessage());
        }
    }

    /** An ISO date, or YYYY-MM meaning its first ({@code from}) or last ({@code to}) day. */
    private static LocalDate parseDay(String name, String value, boolean endOfMonth) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 7) {
                YearMonth month = YearMonth.parse(value);
                return endOfMonth ? month.atEndOfMonth() : month.atDay(1);
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiErrors.BadParameter(name, "'" + value + "' is not an ISO date (YYYY-MM-DD) or a month (YYYY-MM)");
        }
    }
}
