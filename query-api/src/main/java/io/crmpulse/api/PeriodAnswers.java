package io.crmpulse.api;

import io.crmpulse.streams.figures.ContactFigures;
import io.crmpulse.streams.figures.ComplaintFigures.ComplaintRow;
import io.crmpulse.streams.figures.PeriodRow;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * How the period endpoints of {@link MetricsController} answer: each row as named values (JSON), the same values as
 * CSV in a fixed column order, and the answer around them with its {@code as_of}.
 */
final class PeriodAnswers {

    static final List<String> CUSTOMER_COLUMNS = List.of("period", "group", "customers_at_start", "new", "reactivated",
            "churned", "transferred_in", "transferred_out", "customers_at_end", "churn_rate", "retention_rate", "growth_rate",
            "null_reason", "open", "period_start", "period_end",
            "active_customers", "repeat_customers", "repeat_purchase_rate", "repeat_purchase_null_reason");

    static final List<String> COMPLAINT_COLUMNS = List.of("period", "group", "complaints_opened", "complaints_resolved",
            "complaints_first_resolved", "resolutions_answered", "resolutions_satisfied", "sla_met", "reopened", "customers_at_start",
            "complaint_rate", "resolution_rate", "complaint_satisfaction_rate", "reopen_rate", "sla_met_rate",
            "time_to_resolve_p50_seconds", "time_to_resolve_p90_seconds", "null_reasons", "open", "period_start", "period_end");

    static final List<String> CONTACT_COLUMNS = List.of("period", "group", "visits", "revisits", "other_contacts", "contacts",
            "customers_contacted", "customers_contacted_null_reason", "follow_ups_set", "records_completed", "records_target",
            "records_target_met", "customers_and_prospects", "at_risk_customers", "neglected_at_risk_customers", "overdue_follow_ups", "not_contacted",
            "not_contacted_null_reason", "open", "period_start", "period_end");

    /**
     * The answer of a period endpoint: CSV of {@code columns} when asked for, else JSON with {@code as_of},
     * the periods still open, the rows as {@code data}, and {@code extra} fields.
     */
    static HttpResponse<?> response(String accept, List<String> columns, Progress progress, List<Map<String, Object>> data,
                                    Map<String, Object> extra) {
        if (accept != null && accept.contains("text/csv")) {
            return progress.putInto(HttpResponse.ok(csv(columns, data)).contentType("text/csv"), progress.countedThrough());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        progress.putInto(body, progress.countedThrough());
        body.put("open_periods", data.stream().filter(r -> Boolean.TRUE.equals(r.get("open"))).map(r -> r.get("period")).distinct().toList());
        body.put("data", data);
        body.putAll(extra);
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static Map<String, Object> json(PeriodRow r) {
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
        m.put("active_customers", r.activeCustomers());
        m.put("repeat_customers", r.repeatCustomers());
        m.put("repeat_purchase_rate", r.repeatPurchaseRate());
        if (r.repeatNullReason() != null) {
            m.put("repeat_purchase_null_reason", r.repeatNullReason());
        }
        return m;
    }

    static Map<String, Object> json(ContactFigures.ContactRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("period", r.period());
        m.put("group", r.group());
        m.put("visits", r.visits());
        m.put("revisits", r.revisits());
        m.put("other_contacts", r.otherContacts());
        m.put("contacts", r.contacts());
        m.put("customers_contacted", r.customersContacted());
        if (r.customersContactedNullReason() != null) {
            m.put("customers_contacted_null_reason", r.customersContactedNullReason());
        }
        m.put("follow_ups_set", r.followUpsSet());
        m.put("records_completed", r.recordsCompleted());
        m.put("records_target", r.recordsTarget());
        m.put("records_target_met", r.recordsTargetMet());
        m.put("customers_and_prospects", r.customers());
        m.put("at_risk_customers", r.atRisk());
        m.put("neglected_at_risk_customers", r.neglectedAtRisk());
        m.put("overdue_follow_ups", r.overdueFollowUps());
        m.put("not_contacted", r.notContacted());
        if (r.notContactedNullReason() != null) {
            m.put("not_contacted_null_reason", r.notContactedNullReason());
        }
        m.put("open", r.open());
        m.put("period_start", r.periodStart().toString());
        m.put("period_end", r.periodEnd().toString());
        return m;
    }

    static Map<String, Object> json(ComplaintRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("period", r.period());
        m.put("group", r.group());
        m.put("complaints_opened", r.opened());
        m.put("complaints_resolved", r.resolved());
        m.put("complaints_first_resolved", r.firstResolved());
        m.put("resolutions_answered", r.answered());
        m.put("resolutions_satisfied", r.satisfied());
        m.put("sla_met", r.slaMet());
        m.put("reopened", r.reopened());
        m.put("customers_at_start", r.customersAtStart());
        m.put("complaint_rate", r.complaintRate());
        m.put("resolution_rate", r.resolutionRate());
        m.put("complaint_satisfaction_rate", r.satisfactionRate());
        m.put("reopen_rate", r.reopenRate());
        m.put("sla_met_rate", r.slaMetRate());
        m.put("time_to_resolve_p50_seconds", r.timeToResolveP50Seconds());
        m.put("time_to_resolve_p90_seconds", r.timeToResolveP90Seconds());
        m.put("null_reasons", r.nullReasons());
        m.put("open", r.open());
        m.put("period_start", r.periodStart().toString());
        m.put("period_end", r.periodEnd().toString());
        return m;
    }

    /** Rows of named values as CSV; a nested map (null reasons) becomes {@code name: reason; ...}. */
    static String csv(List<String> columns, List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new)).get())) {
            for (Map<String, Object> row : rows) {
                List<Object> values = new ArrayList<>();
                for (String column : columns) {
                    Object v = row.get(column);
                    values.add(v instanceof Map<?, ?> m ? m.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                            .collect(java.util.stream.Collectors.joining("; ")) : v);
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private PeriodAnswers() {
    }
}
