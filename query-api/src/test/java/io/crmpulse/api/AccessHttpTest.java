package io.crmpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.streams.PipelineDriver;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a caller can and cannot reach: scopes that do not leak existence, the two listeners kept apart, the limits of
 * one request, and 503 while the streams are not running. Given three customers, c1 and c2 of SH and c3 of BJ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessHttpTest {

    private static final String ADMIN = "admin-key-for-every-office";
    private static final String SH_VIEWER = "viewer-key-for-shanghai";

    private PipelineDriver pipeline;
    private ApiServer api;
    private ApiServer limited;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() {
        pipeline = new PipelineDriver();
        pipeline.order("c1", "2023-01-01T00:00:00Z", "SH").order("c2", "2023-01-10T00:00:00Z", "SH")
                .order("c3", "2023-01-12T00:00:00Z", "BJ").streamTimeTo("2023-02-01T00:00:00Z");
        List<ApiKey> keys = List.of(ApiKey.fromPlain(ADMIN, ApiKey.Role.ADMIN, Set.of()), ApiKey.fromPlain(SH_VIEWER, ApiKey.Role.VIEWER, Set.of("SH")));
        api = new ApiServer(pipeline, keys);
        limited = new ApiServer(pipeline, keys, new ApiSettings.Limits(3, 1));
    }

    @AfterAll
    void stop() {
        api.close();
        limited.close();
        pipeline.close();
    }

    private HttpResponse<String> get(ApiServer server, String path, String key) throws Exception {
        return server.send("GET", path, key, null);
    }

    @Test
    void shouldAnswerACustomerOutOfScopeExactlyLikeAnUnknownOne() throws Exception {
        HttpResponse<String> other = get(api, "/api/v1/customers/c3", SH_VIEWER);
        HttpResponse<String> unknown = get(api, "/api/v1/customers/nobody", SH_VIEWER);

        assertThat(other.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(404);
        assertThat(other.body().replace("c3", "ID")).isEqualTo(unknown.body().replace("nobody", "ID"));
        assertThat(get(api, "/api/v1/customers/c1", SH_VIEWER).statusCode()).isEqualTo(200);
        assertThat(get(api, "/api/v1/customers/c3", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerAPageFarPastTheEndWithNoRowsInsteadOfAnOverflow() throws Exception {
        HttpResponse<String> response = get(api, "/api/v1/customers/at-risk?group=office:SH&page=3000000&size=1000", ADMIN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("data")).isEmpty();
        assertThat(body.get("total").asInt()).isEqualTo(2);
        assertThat(get(api, "/api/v1/customers/at-risk?group=office:SH&page=" + Integer.MAX_VALUE + "&size=1000", ADMIN).statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseAnAtRiskListLargerThanTheLimitAndSayHowToNarrowIt() throws Exception {
        HttpResponse<String> response = get(limited, "/api/v1/customers/at-risk?group=office:SH", ADMIN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ProblemHandler.PROBLEM_JSON);
        assertThat(json.readTree(response.body()).get("detail").asText())
                .contains("office:SH has 2 customers and prospects, more than the 1").contains("staff:ID");
    }

    @Test
    void shouldRefuseAnAnswerOfMoreRowsThanTheLimitAndSayHowToNarrowIt() throws Exception {
        HttpResponse<String> days = get(limited, "/api/v1/metrics/customers?group=office&period=day", ADMIN);

        assertThat(days.statusCode()).isEqualTo(400);
        assertThat(json.readTree(days.body()).get("detail").asText()).contains("more than 3 rows").contains("from and to");
        assertThat(get(limited, "/api/v1/metrics/customers?group=office:SH&period=month", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeNoPublicRouteOnTheInternalListenerAndNoInternalRouteOnThePublicOne() throws Exception {
        HttpResponse<String> publicOnInternal = api.send(api.internal(), "GET", "/api/v1/customers/c1",
                "Authorization", "Bearer " + ADMIN, InstanceFilter.SECRET_HEADER, ApiServer.INSTANCE_SECRET);
        HttpResponse<String> internalOnPublic = api.send("GET", "/internal/v1/progress", ADMIN, null);
        HttpResponse<String> userKeyOnInternal = api.send(api.internal(), "GET", "/internal/v1/progress", "Authorization", "Bearer " + ADMIN);

        assertThat(publicOnInternal.statusCode()).isEqualTo(404);
        assertThat(internalOnPublic.statusCode()).isEqualTo(404);
        assertThat(userKeyOnInternal.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileTheStreamsAreNotRunning() throws Exception {
        api.source().state("PENDING_ERROR");
        try {
            HttpResponse<String> response = get(api, "/api/v1/metrics/customers?group=all", ADMIN);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).contains("PENDING_ERROR").doesNotContain("Exception");
            assertThat(get(api, "/api/v1/metrics/customers?group=all", null).statusCode()).as("no key is still 401").isEqualTo(401);
        } finally {
            api.source().state(FiguresSource.RUNNING);
        }
    }
}
