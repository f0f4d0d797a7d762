package io.crmpulse.api;

import io.crmpulse.streams.scorecard.ScorecardSettings;
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

/** The API on a random port over a pipeline on a test driver, and a client that talks to it as a user would. */
final class ApiServer implements AutoCloseable {

    private final ApplicationContext context;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiServer(PipelineDriver pipeline, List<ApiKey> keys) {
        this(pipeline, keys, ApiSettings.Limits.DEFAULT);
    }

    ApiServer(PipelineDriver pipeline, List<ApiKey> keys, ApiSettings.Limits limits) {
        int port = freePort();
        ApiSettings.Internal internal = new ApiSettings.Internal("127.0.0.1", freePort(), INSTANCE_SECRET);
        ApiSettings settings = new ApiSettings(keys, internal, limits, LifecycleSettings.defaults(), RiskSettings.defaults(),
                ScorecardSettings.defaults());
        source = new DriverFiguresSource(pipeline, settings);
        context = ApplicationContext.builder().singletons(settings, source)
                .properties(ApiListeners.properties(port, internal)).start();
        context.getBean(EmbeddedServer.class).start();
        base = URI.create("http://127.0.0.1:" + port);
        internalBase = URI.create("http://127.0.0.1:" + internal.port());
    }

    static final String INSTANCE_SECRET = "test-instance-secret-of-some-length";

    private final URI internalBase;
    private final DriverFiguresSource source;

    /** The figures the API reads, whose streams state a test may set. */
    DriverFiguresSource source() {
        return source;
    }

    /** The public listener's address. */
    URI base() {
        return base;
    }

    /** The internal listener's address. */
    URI internal() {
        return internalBase;
    }

    /** A request to {@code base} with the given headers (name, value, name, value, ...). */
    HttpResponse<String> send(URI base, String method, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    /** A POST of a JSON body with {@code Authorization: Bearer key}. */
    HttpResponse<String> post(String path, String key, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json").build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        context.close();
    }
}
