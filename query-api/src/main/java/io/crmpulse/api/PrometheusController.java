package io.crmpulse.api;

import io.crmpulse.records.AlertEvent;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /metrics}: Prometheus text format, without a key (bind it to a management network in production): what
 * Micronaut's Micrometer registry measures, and each alert rule's state and rate per group, read when scraped
 * ({@code pulse_alert_open} 1 or 0, {@code pulse_alert_value}), so that Prometheus can alert on the same rules, and the
 * customers with an open alert per rule and office ({@code pulse_customer_alerts_open}).
 */
@Controller("/metrics")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PrometheusController {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final FiguresSource source;
    private final MultiGauge open;
    private final MultiGauge value;
    private final MultiGauge customerAlerts;

    PrometheusController(PrometheusMeterRegistry registry, FiguresSource source) {
        this.registry = registry;
        this.source = source;
        this.open = MultiGauge.builder("pulse.alert.open").description("1 while the alert of a rule and group is raised, 0 once resolved")
                .register(registry);
        this.value = MultiGauge.builder("pulse.alert.value").description("The rate a rule watches, of a group, when last evaluated")
                .register(registry);
        this.customerAlerts = MultiGauge.builder("pulse.customer.alerts.open")
                .description("Customers of an office with an open alert of a rule (a neglected customer of segment A)").register(registry);
    }

    @Get
    HttpResponse<String> scrape() {
        List<AlertEvent> alerts;
        try {
            alerts = source.ready() ? source.alerts() : List.of();
        } catch (ApiErrors.Unavailable e) {
            // Rebalancing: the JVM and HTTP metrics still answer; the alert gauges come back with the stores.
            alerts = List.of();
        }
        // One series per customer would be a series per customer: customer alerts are counted per rule and office.
        Map<Tags, Long> customers = alerts.stream().filter(a -> a.getCustomerId() != null && a.getState().equals("RAISED"))
                .collect(Collectors.groupingBy(a -> Tags.of("rule", a.getRuleId(), "group", a.getGroup()), Collectors.counting()));
        customerAlerts.register(customers.entrySet().stream().map(e -> MultiGauge.Row.of(e.getKey(), e.getValue())).toList(), true);
        alerts = alerts.stream().filter(a -> a.getCustomerId() == null).toList();
        open.register(alerts.stream().map(a -> MultiGauge.Row.of(Tags.of("rule", a.getRuleId(), "group", a.getGroup(),
                "severity", a.getSeverity()), a.getState().equals("RAISED") ? 1 : 0)).toList(), true);
        value.register(alerts.stream().filter(a -> a.getValue() != null).map(a -> MultiGauge.Row.of(Tags.of("rule", a.getRuleId(),
                "group", a.getGroup(), "metric", a.getMetric(), "window", a.getWindow()), a.getValue())).toList(), true);
        return HttpResponse.ok(registry.scrape()).contentType(CONTENT_TYPE);
    }
}
