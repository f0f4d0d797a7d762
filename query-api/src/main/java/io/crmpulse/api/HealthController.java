package io.crmpulse.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: 200 when the streams are RUNNING and their stores answer, 503 otherwise. */
@Controller("/health")
// Interactive queries read RocksDB and may forward over HTTP: never on the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
final class HealthController {

    private final FiguresSource source;

    HealthController(FiguresSource source) {
        this.source = source;
    }

    /**
     * With the streams up, also how far the pipeline has got ({@link Progress}): {@code counted_through},
     * {@code stream_time} and {@code unprocessed_records}, so that a script can wait for a backfill to be counted.
     */
    @Get
    HttpResponse<Map<String, Object>> health() {
        boolean up = source.ready();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("streams", source.state());
        if (up) {
            Progress progress = source.progress();
            body.put("counted_through", progress.countedThrough() == null ? null : progress.countedThrough().toString());
            body.put("stream_time", progress.streamTime() == null ? null : progress.streamTime().toString());
            body.put("unprocessed_records", progress.unprocessedRecords());
        }
        return up ? HttpResponse.ok(body) : HttpResponse.<Map<String, Object>>status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
