package io.crmpulse.api;

import io.crmpulse.records.CustomerFlows;
import io.crmpulse.streams.Groups;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A customer's lifecycle and risk ({@code GET /api/v1/customers/{id}}), and the at-risk lists account
 * managers work from: customers still ACTIVE or AT_RISK in an office or under a staff member, ranked by
 * (1 − P(alive)) × expected value, paged, JSON or CSV.
 */
@Controller("/api/v1/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
final class CustomersController {

    private static final int MAX_PAGE_SIZE = 1000;
    private static final List<String> CSV_COLUMNS = List.of("rank", "customer_id", "state", "office", "staff", "last_activity",
            "last_contact", "p_alive", "expected_purchases", "expected_value", "risk_score");

    private final FiguresSource source;
    private final ApiSettings.Limits limits;

    CustomersController(FiguresSource source, ApiSettings settings) {
        this.source = source;
        this.limits = settings.limits();
    }

    @Get("/at-risk")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> atRisk(HttpRequest<?> request, @Nullable @QueryValue String group, @Nullable @QueryValue Integer page,
                           @Nullable @QueryValue Integer size, @Nullable @Header("Accept") String accept) {
        GroupParam g = GroupParam.parse(group);
        if (g.everyMember() || g.dimension().equals(Groups.SEGMENT) || g.dimension().equals(Groups.REGION)) {
            throw new ApiErrors.BadParameter("group", "at-risk lists are per group of people who act on them: all, office:ID or staff:ID");
        }
        ApiKey caller = caller(request);
        if (!(g.dimension().equals(Groups.OFFICE) && caller.mayRead(g.id())) && !caller.unscoped()) {
            throw new ApiErrors.Forbidden("this key does not cover " + g.key());
        }
        int p = page == null ? 1 : page;
        int s = size == null ? 50 : size;
        if (p < 1) {
            throw new ApiErrors.BadParameter("page", "pages start at 1, got " + p);
        }
        if (s < 1 || s > MAX_PAGE_SIZE) {
            throw new ApiErrors.BadParameter("size", "a page has 1 to " + MAX_PAGE_SIZE + " customers, got " + s);
        }
        Progress progress = source.progress();
        Instant asOf = streamTime(progress);
        long customers = source.months(g.key()).values().stream().mapToLong(CustomerFlows::getCustomers).sum();
        if (customers > limits.maxListCustomers()) {
            throw new ApiErrors.BadParameter("group", g.key() + " has " + customers + " customers and prospects, more than the "
                    + limits.maxListCustomers() + " one at-risk list ranks; ask for one office (office:ID) or staff member (staff:ID)");
        }
        // Long arithmetic: page × size can pass Integer.MAX_VALUE; no list is that long, and a page past its end is empty.
        AtRiskList.Part ranked = source.atRisk(g.key(), asOf, (int) Math.min(Integer.MAX_VALUE, (long) p * s));
        int from = (int) Math.min(ranked.top().size(), (p - 1L) * s);
        List<CustomerRow> rows = ranked.top().subList(from, Math.min(ranked.top().size(), from + s));
        if (accept != null && accept.contains("text/csv")) {
            return progress.putInto(HttpResponse.ok(csv(rows, from)).contentType("text/csv"), asOf);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        progress.putInto(body, asOf);
        body.put("group", g.key());
        body.put("model", source.model().map(m -> ModelsController.json(m, caller)).orElse(null));
        body.put("page", p);
        body.put("size", s);
        body.put("total", ranked.total());
        body.put("data", rows);
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * A customer outside the key's offices is answered exactly like an unknown one (404), so that a scoped key cannot
     * learn which customer ids exist elsewhere.
     */
    @Get("/{id}")
    Map<String, Object> customer(HttpRequest<?> request, @PathVariable String id) {
        Progress progress = source.progress();
        Instant asOf = streamTime(progress);
        ApiKey caller = caller(request);
        CustomerRow row = source.customer(id, asOf)
                .filter(c -> caller.unscoped() || (c.office() != null && caller.mayRead(c.office())))
                .orElseThrow(() -> new ApiErrors.NotFound("unknown customer " + id));
        Map<String, Object> body = new LinkedHashMap<>();
        progress.putInto(body, asOf);
        body.put("data", row);
        body.put("segment", source.segment(id).map(SegmentRow::of).orElse(null));
        return body;
    }

    /**
     * {@code GET /api/v1/customers/segments}: how many customers are in each ABC class and RFM cell
     * (METRICS.md section 7) as of the last daily classification; company-wide, so it needs an unscoped key.
     */
    @Get("/segments")
    Map<String, Object> segments(HttpRequest<?> request) {
        if (!caller(request).unscoped()) {
            throw new ApiErrors.Forbidden("segment counts are company-wide and need a key for all offices");
        }
        SegmentCounts counts = source.segmentCounts();
        Map<String, Object> body = new LinkedHashMap<>();
        Progress progress = source.progress();
        progress.putInto(body, progress.streamTime());
        body.put("classified_for", counts.classifiedFor());
        body.put("customers", counts.customers());
        body.put("abc", counts.abc());
        body.put("rfm", counts.rfm());
        return body;
    }

    /**
     * {@code GET /api/v1/customers/matches}: one person on file more than once, in one office or several (seeds 000 and
     * 004), found by the match key that ingest computes from personal columns such as a phone number; the columns
     * themselves are in no topic. Company-wide, so it needs an unscoped key.
     */
    @Get("/matches")
    Map<String, Object> matches(HttpRequest<?> request) {
        if (!caller(request).unscoped()) {
            throw new ApiErrors.Forbidden("matches join offices' records and need a key for all offices");
        }
        int max = limits.maxRows();
        List<MatchRow> found = source.matches(max + 1).stream().map(MatchRow::of).sorted(java.util.Comparator.comparing(MatchRow::matchKey)).toList();
        List<MatchRow> rows = found.subList(0, Math.min(max, found.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        Progress progress = source.progress();
        progress.putInto(body, progress.streamTime());
        // One answer holds at most the row limit; past it, the first ones by match key and truncated = true.
        body.put("truncated", found.size() > max);
        body.put("people", rows.size());
        body.put("customer_ids", rows.stream().mapToLong(r -> r.records().stream().map(MatchRow.Entry::customerId).distinct().count()).sum());
        body.put("data", rows);
        return body;
    }

    /** Customers are read from the lifecycle's state, which is recognised up to its stream time. */
    private static Instant streamTime(Progress progress) {
        return java.util.Optional.ofNullable(progress.streamTime()).orElseThrow(() -> new ApiErrors.NotFound("no events yet"));
    }

    private static ApiKey caller(HttpRequest<?> request) {
        return request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
    }

    private static String csv(List<CustomerRow> rows, int firstRank) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
            int rank = firstRank;
            for (CustomerRow r : rows) {
                printer.printRecord(++rank, r.customerId(), r.state(), r.office(), r.staff(), r.lastActivity(), r.lastContact(),
                        r.pAlive(), r.expectedPurchases(), r.expectedValue(), r.riskScore());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
