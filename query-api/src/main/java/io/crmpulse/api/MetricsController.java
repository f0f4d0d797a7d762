package io.crmpulse.api;

import io.crmpulse.streams.Groups;
import io.crmpulse.streams.figures.CohortFigures;
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
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** {@code GET /api/v1/metrics/customers}: the rates of METRICS.md section 3 per period and group. */
@Controller("/api/v1/metrics")
// Interactive queries read RocksDB and may forward over HTTP: never on the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
final class MetricsController {

    private static final List<String> COLUMNS = List.of("period", "group", "customers_at_start", "new", "reactivated",
            "churned", "transferred_in", "transferred_out", "customers_at_end", "churn_rate", "retention_rate", "growth_rate",
            "null_reason", "open", "period_start", "period_end");

    private final FiguresSource source;
    private final ApiSettings settings;
    private final CustomerFigures figures;

    MetricsController(FiguresSource source, ApiSettings settings) {
        this.source = source;
        this.settings = settings;
        this.figures = new CustomerFigures(settings.zone());
    }

    @Get("/customers")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> customers(HttpRequest<?> request,
                              @Nullable @QueryValue String group, @Nullable @QueryValue String period,
                              @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                              @Nullable @Header("Accept") String accept) {
        GroupParam g = GroupParam.parse(group);
        Period p = parsePeriod(period);
        LocalDate fromDay = parseDay("from", from, false);
        LocalDate toDay = parseDay("to", to, true);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw new ApiErrors.BadParameter("from", "from " + from + " is after to " + to);
        }
        ApiKey caller = request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
        List<String> groups = groupsFor(g, caller);
        Instant asOf = source.asOf().orElse(null);

        List<PeriodRow> rows = new ArrayList<>();
        for (String key : groups) {
            for (PeriodRow r : figures.rows(key, source.days(key), p, fromDay, toDay, asOf)) {
                rows.add(r);
            }
        }
        if (accept != null && accept.contains("text/csv")) {
            return HttpResponse.ok(csv(rows)).contentType("text/csv");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("as_of", asOf == null ? null : asOf.toString());
        body.put("open_periods", rows.stream().filter(PeriodRow::open).map(PeriodRow::period).distinct().toList());
        body.put("data", rows.stream().map(MetricsController::json).toList());
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** {@code GET /api/v1/metrics/cohorts}: the retention matrix of METRICS.md section 3, per cohort month. */
    @Get("/cohorts")
    Map<String, Object> cohorts(HttpRequest<?> request, @Nullable @QueryValue String group,
                                @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        GroupParam g = GroupParam.parse(group);
        if (!g.dimension().equals(Groups.ALL) && !g.dimension().equals(Groups.OFFICE)) {
            throw new ApiErrors.BadParameter("group", "cohorts are kept for all and for each office (the office of the first order)");
        }
        java.time.YearMonth fromMonth = parseMonth("from", from);
        java.time.YearMonth toMonth = parseMonth("to", to);
        ApiKey caller = request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
        Instant asOf = source.asOf().orElse(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : groupsFor(g, caller)) {
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
        body.put("as_of", asOf == null ? null : asOf.toString());
        body.put("data", rows);
        return body;
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
        if (source.days(g.key()).isEmpty()) {
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

    private static Map<String, Object> json(PeriodRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("period", r.period());
        m.put("group", r.group());
        m.put("customers_at_start", r.customersAtStart());
        m.put("new", r.newCustomers());
        m.put("reactivated", r.reactivated());
        m.put("churned", r.churned());
        m.put("transferred_in", r.transferredIn());
        m.put("transferred_out", r.transferredOut());
        m.put("customers_at_end", r.customersAtEnd());
        m.put("churn_rate", r.churnRate());
        m.put("retention_rate", r.retentionRate());
        m.put("growth_rate", r.growthRate());
        if (r.nullReason() != null) {
            m.put("null_reason", r.nullReason());
        }
        m.put("open", r.open());
        m.put("period_start", r.periodStart().toString());
        m.put("period_end", r.periodEnd().toString());
        return m;
    }

    private static String csv(List<PeriodRow> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (PeriodRow r : rows) {
                printer.printRecord(r.period(), r.group(), r.customersAtStart(), r.newCustomers(), r.reactivated(), r.churned(),
                        r.transferredIn(), r.transferredOut(), r.customersAtEnd(), r.churnRate(), r.retentionRate(), r.growthRate(),
                        r.nullReason(), r.open(), r.periodStart(), r.periodEnd());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
