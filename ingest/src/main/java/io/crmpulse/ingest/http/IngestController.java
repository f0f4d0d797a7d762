package io.crmpulse.ingest.http;

import io.crmpulse.ingest.EventSink;
import io.crmpulse.ingest.IngestRun;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /ingest/{source}}: 202 with accepted, rejected and duplicate counts and one error per
 * rejected record, once the broker has acknowledged every record of the batch.
 */
@Controller("/ingest")
@Requires(beans = HttpIngest.class)
@ExecuteOn(TaskExecutors.BLOCKING)
final class IngestController {

    private final HttpIngest ingest;

    IngestController(HttpIngest ingest) {
        this.ingest = ingest;
    }

    /** The caller's offices (empty: all), set by the API's key check; the request is refused without it. */
    static final String CALLER_OFFICES = "pulse.caller.offices";

    @Post("/{source}")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, Object>> post(HttpRequest<?> request, @PathVariable String source, @Nullable @Body String body) {
        @SuppressWarnings("unchecked")
        Set<String> offices = (Set<String>) request.getAttribute(CALLER_OFFICES).orElse(null);
        if (offices == null) {
            return problem(HttpStatus.UNAUTHORIZED, "publishing events needs an admin key");
        }
        HttpIngest.Answer answer;
        try {
            answer = ingest.ingest(source, body, offices);
        } catch (HttpIngest.Refused e) {
            io.micronaut.http.MutableHttpResponse<Map<String, Object>> refused = problem(HttpStatus.valueOf(e.status()), e.getMessage());
            return e.status() == HttpStatus.SERVICE_UNAVAILABLE.getCode() ? refused.header("Retry-After", "60") : refused;
        } catch (EventSink.PublishException e) {
            // Nothing is acknowledged as accepted: the client sends the batch again (event ids make that safe).
            return problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + "; send the batch again").header("Retry-After", "5");
        }
        IngestRun.BatchResult r = answer.result();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("request_id", answer.requestId());
        response.put("received", r.summary().read());
        response.put("accepted", r.summary().published());
        response.put("rejected", r.summary().rejected());
        response.put("duplicates", r.summary().duplicates());
        List<Map<String, Object>> errors = r.errors().stream()
                .map(e -> Map.<String, Object>of("index", e.index(), "reason", e.reason(), "message", e.message())).toList();
        response.put("errors", errors);
        return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED).body(response);
    }

    private static io.micronaut.http.MutableHttpResponse<Map<String, Object>> problem(HttpStatus status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReason());
        problem.put("status", status.getCode());
        problem.put("detail", detail);
        return HttpResponse.<Map<String, Object>>status(status).body(problem).contentType("application/problem+json");
    }
}
