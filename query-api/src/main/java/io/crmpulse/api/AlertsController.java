package io.crmpulse.api;

import io.crmpulse.records.AlertEvent;
import io.crmpulse.records.AlertRule;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.alerts.AlertRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Alerts (METRICS.md section 9): the latest state of each alert, the live stream of changes (server-sent events), and
 * the rules (read by anyone with a key for all offices; changed by an admin key for all offices). A key scoped to
 * offices sees the alerts of its offices only.
 */
@Controller("/api/v1/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AlertsController {

    private final FiguresSource source;
    private final RulePublisher rules;
    private final AlertFeed feed;
    private final JsonMapper json;

    AlertsController(FiguresSource source, RulePublisher rules, AlertFeed feed, JsonMapper json) {
        this.source = source;
        this.rules = rules;
        this.feed = feed;
        this.json = json;
    }

    /** {@code state=open} (default): raised and not resolved; {@code resolved}; or {@code all}: each alert's latest change. */
    @Get
    Map<String, Object> alerts(HttpRequest<?> request, @Nullable @QueryValue String state) {
        String wanted = state == null || state.isBlank() ? "open" : state;
        if (!List.of("open", "resolved", "all").contains(wanted)) {
            throw new ApiErrors.BadParameter("state", "'" + state + "' is not open, resolved or all");
        }
        ApiKey caller = caller(request);
        Progress progress = source.progress();
        List<AlertRows.Alert> rows = source.alerts().stream()
                .filter(a -> visible(caller, a))
                .filter(a -> wanted.equals("all") || (wanted.equals("open") == a.getState().equals("RAISED")))
                .sorted(Comparator.comparing((AlertEvent a) -> a.getSince() != null ? a.getSince() : a.getAsOf()).reversed().thenComparing(AlertEvent::getRuleId).thenComparing(AlertEvent::getGroup))
                .map(AlertRows.Alert::of).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        progress.putInto(body, progress.countedThrough());
        body.put("data", rows);
        return body;
    }

    /**
     * Every alert raised or resolved from now on, as a server-sent event named RAISED or RESOLVED. The stream opens with
     * an event named {@code connected}, sent once the stream is listening, so that a client knows from when on it misses
     * nothing (what was open before is in {@code GET /api/v1/alerts}).
     */
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.IO)
    Publisher<Event<Object>> stream(HttpRequest<?> request) {
        ApiKey caller = caller(request);
        Flux<Event<Object>> changes = Flux.from(feed.live()).filter(a -> visible(caller, a))
                .map(a -> Event.<Object>of(AlertRows.Alert.of(a)).name(a.getState()).id(a.getRuleId() + "|" + a.getGroup() + "|" + a.getAsOf()));
        // merge subscribes to the changes first, so the connected event comes only once they are listened to.
        return Flux.merge(changes, Flux.just(Event.<Object>of(Map.of("listening", true)).name("connected")));
    }

    @Get("/rules")
    Map<String, Object> list(HttpRequest<?> request) {
        everyOffice(caller(request), "reading the alert rules");
        return Map.of("data", source.alertRules().stream().sorted(Comparator.comparing(AlertRule::getRuleId)).map(AlertRows.Rule::of).toList());
    }

    /** Adds a rule; 409 when one of its id exists (PUT replaces). */
    @Post("/rules")
    HttpResponse<AlertRows.Rule> add(HttpRequest<?> request, @Nullable @Body String body) {
        admin(caller(request));
        AlertRows.Rule given = parse(body);
        if (given.id() == null) {
            throw new ApiErrors.BadParameter("id", "the rule needs an id");
        }
        if (source.alertRules().stream().anyMatch(r -> r.getRuleId().equals(given.id()))) {
            throw new ApiErrors.Conflict("a rule with id " + given.id() + " exists; PUT /api/v1/alerts/rules/" + given.id() + " replaces it");
        }
        return HttpResponse.status(HttpStatus.CREATED).body(AlertRows.Rule.of(publish(given.toRecord(given.id()))));
    }

    /** Adds or replaces the rule {@code id}. */
    @Put("/rules/{id}")
    AlertRows.Rule put(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        admin(caller(request));
        AlertRows.Rule given = parse(body);
        if (given.id() != null && !given.id().equals(id)) {
            throw new ApiErrors.BadParameter("id", "the body's id " + given.id() + " is not the path's " + id);
        }
        return AlertRows.Rule.of(publish(given.toRecord(id)));
    }

    /** Deletes the rule; its open alerts are resolved at the next evaluation. */
    @Delete("/rules/{id}")
    HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        admin(caller(request));
        if (source.alertRules().stream().noneMatch(r -> r.getRuleId().equals(id))) {
            throw new ApiErrors.NotFound("no alert rule " + id);
        }
        rules.delete(id);
        return HttpResponse.noContent();
    }

    private AlertRule publish(AlertRule rule) {
        try {
            AlertRules.check(rule);
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadParameter("rule", e.getMessage());
        }
        rules.publish(rule);
        return rule;
    }

    private AlertRows.Rule parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiErrors.BadParameter("rule", "the body must be a rule as JSON (docs/ALERTS.md)");
        }
        try {
            return json.readValue(body, AlertRows.Rule.class);
        } catch (IOException | RuntimeException e) {
            throw new ApiErrors.BadParameter("rule", "the body is not a rule as JSON: " + e.getMessage());
        }
    }

    /** An office's alerts to keys covering the office; other groups' to keys for all offices. */
    private static boolean visible(ApiKey caller, AlertEvent alert) {
        String group = alert.getGroup();
        String officePrefix = Groups.OFFICE + ":";
        return caller.unscoped() || group.startsWith(officePrefix) && caller.mayRead(group.substring(officePrefix.length()));
    }

    private static ApiKey caller(HttpRequest<?> request) {
        return request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
    }

    private static void everyOffice(ApiKey caller, String what) {
        if (!caller.unscoped()) {
            throw new ApiErrors.Forbidden(what + " needs a key for all offices");
        }
    }

    private static void admin(ApiKey caller) {
        if (caller.role() != ApiKey.Role.ADMIN || !caller.unscoped()) {
            throw new ApiErrors.Forbidden("changing alert rules needs an admin key for all offices");
        }
    }
}
