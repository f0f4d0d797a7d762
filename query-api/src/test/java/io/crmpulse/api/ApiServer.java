package io.crmpulse.api;

import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.lifecycle.LifecycleSettings;
import io.crmpulse.streams.risk.RiskSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** The API on a random port over a pipeline on a test driver, and a client that talks to it as a user would. */
final class ApiServer implements AutoCloseable {

    private final ApplicationContext context;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiServer(PipelineDriver pipeline, List<ApiKey> keys) {
        ApiSettings settings = new ApiSettings(keys, "localhost:0", LifecycleSettings.defaults(), RiskSettings.defaults());
        context = ApplicationContext.builder().singletons(settings, new DriverFiguresSource(pipeline, settings))
                .properties(Map.of("micronaut.server.port", -1)).start();
        base = context.getBean(EmbeddedServer.class).start().getURI();
    }

    /** A request with {@code Authorization: Bearer key} (none when null) and {@code Accept} (none when null). */
    HttpResponse<String> send(String method, String path, String key, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        context.close();
    }
}
