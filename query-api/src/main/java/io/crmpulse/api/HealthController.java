package io.crmpulse.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Get;
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

    @Get
    HttpResponse<Map<String, String>> health() {
        boolean up = source.ready();
        Map<String, String> body = Map.of("status", up ? "UP" : "DOWN", "streams", source.state());
        return up ? HttpResponse.ok(body) : HttpResponse.<Map<String, String>>status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
