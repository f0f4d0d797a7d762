package io.crmpulse.api;

import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.LateEvent;
import io.crmpulse.records.MonthCounts;
import io.crmpulse.records.OfficeScorecard;
import io.crmpulse.records.ScorecardRating;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.scorecard.MonthFigures;
import io.crmpulse.streams.scorecard.OfficeSheets;
import io.crmpulse.streams.scorecard.RatingItem;
import io.crmpulse.streams.scorecard.ScorecardSettings;
import io.crmpulse.streams.scorecard.ScorecardState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The office scorecard of METRICS.md section 6: one office's sheet of a month, its history, the appraisal sheet of every
 * office for a month (CSV as a manager prints it), and managers' ratings of the qualitative items. A month with a
 * FINAL sheet answers it as frozen at the close; any other is PROVISIONAL, scored from the counters now.
 */
@Controller("/api/v1/scorecards/offices")
// Interactive queries read RocksDB and may forward over HTTP: never on the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
final class ScorecardsController {

    private final FiguresSource source;
    private final ApiSettings settings;
    private final RatingPublisher ratings;
    private final JsonMapper json;
    private final OfficeSheets sheets;

    ScorecardsController(FiguresSource source, ApiSettings settings, RatingPublisher ratings, JsonMapper json) {
        this.source = source;
        this.settings = settings;
        this.ratings = ratings;
        this.json = json;
        this.sheets = new OfficeSheets(settings.scorecard().rules());
    }

    /** What one office's sheets are made of: its counts by month through the latest month asked, and what the close kept. */
    private record Office(String id, Map<YearMonth, MonthCounts> counts, ScorecardState kept) {
    }

    @Get("/{office}")
    Map<String, Object> office(HttpRequest<?> request, @PathVariable String office, @Nullable @QueryValue String month) {
        Progress progress = source.progress();
        Office o = office(request, office, progress);
        YearMonth m = month == null || month.isBlank() ? lastOf(o) : parseMonth("month", month);
        return body(progress, sheet(o, m));
    }

    @Get("/{office}/history")
    Map<String, Object> history(HttpRequest<?> request, @PathVariable String office, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to) {
        Progress progress = source.progress();
        Office o = office(request, office, progress);
        YearMonth fromMonth = from == null || from.isBlank() ? null : parseMonth("from", from);
        YearMonth toMonth = to == null || to.isBlank() ? null : parseMonth("to", to);
        List<ScorecardAnswer> months = new ArrayList<>();
        for (YearMonth m : o.counts().keySet()) {
            if ((fromMonth == null || !m.isBefore(fromMonth)) && (toMonth == null || !m.isAfter(toMonth))) {
                months.add(sheet(o, m));
            }
        }
        return body(progress, months);
    }

    /** The appraisal sheet of every office the key covers for one month: JSON rows, or CSV with one row per office. */
    @Get
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> everyOffice(HttpRequest<?> request, @Nullable @QueryValue String month, @Nullable @Header("Accept") String accept) {
        Progress progress = source.progress();
        ApiKey caller = request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
        YearMonth m = month == null || month.isBlank() ? null : parseMonth("month", month);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String group : source.groups(Groups.OFFICE)) {
            String id = group.substring(Groups.OFFICE.length() + 1);
            if (caller.mayRead(id)) {
                Office o = load(id, progress);
                YearMonth wanted = m != null ? m : lastOf(o);
                if (o.counts().containsKey(wanted)) {
                    rows.add(sheet(o, wanted).sheetRow(settings.scorecard().rules()));
                }
            }
        }
        if (accept != null && accept.contains("text/csv")) {
            return progress.putInto(HttpResponse.ok(PeriodAnswers.csv(ScorecardAnswer.sheetColumns(settings.scorecard().rules()), rows))
                    .contentType("text/csv"), progress.countedThrough());
        }
        return HttpResponse.ok(body(progress, rows)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * (admin) A manager's rating of the qualitative items of an office's month: {@code {"levels": {"ITEM": "LEVEL", ...}}}
     * with a level for every item of the rules. Accepted (202) once written; refused (409) when the month is FINAL.
     */
    @Post("/{office}/ratings")
    HttpResponse<Map<String, Object>> rate(HttpRequest<?> request, @PathVariable String office, @Nullable @QueryValue String month,
                                           @Nullable @Body String body) {
        ApiKey caller = request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
        if (caller.role() != ApiKey.Role.ADMIN) {
            throw new ApiErrors.Forbidden("posting a rating needs an admin key");
        }
        if (month == null || month.isBlank()) {
            throw new ApiErrors.BadParameter("month", "month (YYYY-MM) names the month rated");
        }
        YearMonth m = parseMonth("month", month);
        Progress progress = source.progress();
        Office o = office(request, office, progress);
        if (!o.counts().containsKey(m)) {
            throw new ApiErrors.NotFound("office " + office + " has no figures for " + m);
        }
        if (o.kept().sheets().containsKey(m)) {
            throw new ApiErrors.Conflict("the scorecard of office " + office + " for " + m + " is FINAL (closed "
                    + settings.scorecard().closeOf(m, settings.zone()) + "); a rating can no longer change it");
        }
        ScorecardRating rating = new ScorecardRating(UUID.randomUUID().toString(), office, m.toString(), levels(body), caller.id(),
                Clock.systemUTC().instant());
        ratings.publish(rating);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rating_id", rating.getRatingId());
        answer.put("office", office);
        answer.put("month", m.toString());
        answer.put("levels", rating.getLevels());
        answer.put("rated_by", rating.getRatedBy());
        answer.put("rated_at", rating.getRatedAt().toString());
        return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED).body(answer);
    }

    /** The levels of a rating's body, each checked against the rules' items and levels. */
    private Map<String, String> levels(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiErrors.BadParameter("levels", "the body must be {\"levels\": {\"ITEM\": \"LEVEL\", ...}}");
        }
        Map<String, Object> parsed;
        try {
            parsed = json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            throw new ApiErrors.BadParameter("levels", "the body is not a JSON object: " + e.getMessage());
        }
        if (!(parsed.get("levels") instanceof Map<?, ?> given)) {
            throw new ApiErrors.BadParameter("levels", "the body must be {\"levels\": {\"ITEM\": \"LEVEL\", ...}}");
        }
        Map<String, String> levels = new LinkedHashMap<>();
        List<RatingItem> items = settings.scorecard().rules().ratings();
        for (Map.Entry<?, ?> e : given.entrySet()) {
            RatingItem item = items.stream().filter(i -> i.key().equals(String.valueOf(e.getKey()))).findFirst()
                    .orElseThrow(() -> new ApiErrors.BadParameter("levels", "no rating item '" + e.getKey() + "' (the items are "
                            + items.stream().map(RatingItem::key).toList() + ")"));
            String level = String.valueOf(e.getValue());
            if (!item.levels().containsKey(level)) {
                throw new ApiErrors.BadParameter("levels", "item " + item.key() + " has no level '" + level + "' (its levels are "
                        + item.levels().keySet() + ")");
            }
            levels.put(item.key(), level);
        }
        List<String> missing = items.stream().map(RatingItem::key).filter(k -> !levels.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new ApiErrors.BadParameter("levels", "a rating gives a level for every item; missing " + missing);
        }
        return levels;
    }

    private ScorecardAnswer sheet(Office o, YearMonth month) {
        MonthCounts counts = o.counts().get(month);
        if (counts == null) {
            throw new ApiErrors.NotFound("office " + o.id() + " has no figures for " + month + " (its months are "
                    + o.counts().keySet().stream().findFirst().map(first -> first + " to " + lastOf(o)).orElse("none") + ")");
        }
        ScorecardSettings scorecard = settings.scorecard();
        String closesAt = scorecard.closeOf(month, settings.zone()).toString();
        List<LateEvent> late = o.kept().late().getOrDefault(month, List.of());
        OfficeScorecard frozen = o.kept().sheets().get(month);
        if (frozen != null) {
            return ScorecardAnswer.of(scorecard.rules(), o.id(), month.toString(), ScorecardAnswer.FINAL, closesAt, sheets.thawed(frozen),
                    frozen.getCounts(), frozen.getRating(), late);
        }
        return ScorecardAnswer.of(scorecard.rules(), o.id(), month.toString(), ScorecardAnswer.PROVISIONAL, closesAt,
                sheets.score(month, o.counts(), o.kept().sheets()), counts, o.kept().ratings().get(month), late);
    }

    private Office office(HttpRequest<?> request, String office, Progress progress) {
        ApiKey caller = request.getAttribute(AuthFilter.CALLER, ApiKey.class).orElseThrow();
        if (!caller.mayRead(office)) {
            throw new ApiErrors.Forbidden("this key does not cover office " + office);
        }
        Office o = load(office, progress);
        if (o.counts().isEmpty()) {
            throw new ApiErrors.NotFound("no figures for office " + office + " (unknown office)");
        }
        return o;
    }

    /** Its months from the first with a counter through the month of as_of (stream time before the counters have one). */
    private Office load(String office, Progress progress) {
        String group = Groups.of(Groups.OFFICE, office);
        Instant now = progress.countedThrough() != null ? progress.countedThrough() : progress.streamTime();
        Map<LocalDate, CustomerFlows> months = source.months(group);
        Map<LocalDate, ComplaintDay> complaints = source.complaintDays(group);
        YearMonth through = now != null ? YearMonth.from(now.atZone(settings.zone()))
                : Stream.concat(months.keySet().stream(), complaints.keySet().stream()).map(YearMonth::from).max(YearMonth::compareTo).orElse(null);
        Map<YearMonth, MonthCounts> counts = through == null ? Map.of() : MonthFigures.counts(months, complaints, through);
        return new Office(office, counts, counts.isEmpty() ? ScorecardState.EMPTY : source.scorecard(group));
    }

    private static YearMonth lastOf(Office o) {
        return o.counts().keySet().stream().reduce((a, b) -> b).orElseThrow();
    }

    private static Map<String, Object> body(Progress progress, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        progress.putInto(body, progress.countedThrough());
        body.put("data", data);
        return body;
    }

    private static YearMonth parseMonth(String name, String value) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiErrors.BadParameter(name, "'" + value + "' is not a month (YYYY-MM)");
        }
    }
}
