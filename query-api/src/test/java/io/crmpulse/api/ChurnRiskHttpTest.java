package io.crmpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.streams.PipelineDriver;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The churn-risk endpoints over the real topology: fit on the customer base, read the model, score a
 * customer, rank an office's customers. 300 seeded customers in two offices buy at their own rates
 * through 2023 until they stop; one more is a one-time buyer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChurnRiskHttpTest {

    private static final String ADMIN = "admin-key";
    private static final String VIEWER = "viewer-key";
    private static final String SH_ADMIN = "admin-key-of-shanghai";

    private PipelineDriver pipeline;
    private ApiServer api;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() {
        pipeline = new PipelineDriver();
        Random random = new Random(7);
        Instant start = Instant.parse("2023-01-01T00:00:00Z");
        for (int c = 0; c < 300; c++) {
            String office = c % 3 == 0 ? "BJ" : "SH";
            Instant t = start.plus(random.nextInt(60), ChronoUnit.DAYS);
            double gapDays = 3 + random.nextDouble() * 40;
            double dropout = 0.05 + random.nextDouble() * 0.4;
            while (t.isBefore(Instant.parse("2023-12-31T00:00:00Z"))) {
                pipeline.order("c" + c, t.toString(), office);
                if (random.nextDouble() < dropout) {
                    break;
                }
                t = t.plus((long) (gapDays * (0.5 + random.nextDouble())), ChronoUnit.DAYS);
            }
        }
        pipeline.order("once", "2023-11-20T00:00:00Z", "SH").streamTimeTo("2024-01-01T00:00:00Z");
        api = new ApiServer(pipeline, List.of(ApiKey.fromPlain(ADMIN, ApiKey.Role.ADMIN, Set.of()),
                ApiKey.fromPlain(VIEWER, ApiKey.Role.VIEWER, Set.of()), ApiKey.fromPlain(SH_ADMIN, ApiKey.Role.ADMIN, Set.of("SH"))));
    }

    @AfterAll
    void stop() {
        api.close();
        pipeline.close();
    }

    private HttpResponse<String> send(String method, String path, String key, String accept) throws Exception {
        return api.send(method, path, key, accept);
    }

    private JsonNode ok(String method, String path) throws Exception {
        HttpResponse<String> response = send(method, path, ADMIN, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    @Order(1)
    void shouldSayThereIsNoModelBeforeTheFirstFit() throws Exception {
        assertThat(send("GET", "/api/v1/models/churn-risk", ADMIN, null).statusCode()).isEqualTo(404);
        JsonNode customer = ok("GET", "/api/v1/customers/c1").get("data");
        assertThat(customer.get("p_alive").isNull()).isTrue();
        assertThat(customer.get("risk_note").asText()).isEqualTo("no churn-risk model fitted yet");
    }

    @Test
    @Order(2)
    void shouldLetOnlyAdminsRefitAndPublishTheModel() throws Exception {
        assertThat(send("POST", "/api/v1/models/churn-risk/fit", VIEWER, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/models/churn-risk/fit?as_of=2023-13-01", ADMIN, null).statusCode()).isEqualTo(400);

        JsonNode fitted = ok("POST", "/api/v1/models/churn-risk/fit?as_of=2023-12-31");

        assertThat(fitted.get("model").asText()).isEqualTo("bg-nbd");
        // 300 + the one-time buyer; the order that moves stream time (2024-01-01) is after as_of.
        assertThat(fitted.get("customers").asLong()).isEqualTo(301);
        assertThat(fitted.get("calibration_end").asText()).isEqualTo("2023-12-31T00:00:00Z");
        assertThat(fitted.get("log_likelihood").asDouble()).isNegative();
        for (String p : List.of("r", "alpha", "a", "b")) {
            assertThat(fitted.get("params").get(p).asDouble()).as(p).isPositive();
        }
        assertThat(fitted.get("spend_model").get("model").asText()).isEqualTo("gamma-gamma");
        assertThat(ok("GET", "/api/v1/models/churn-risk")).isEqualTo(fitted);

        // An office's admin neither refits the company's model nor sees the company-wide totals it was fitted on.
        assertThat(send("POST", "/api/v1/models/churn-risk/fit", SH_ADMIN, null).statusCode()).isEqualTo(403);
        JsonNode scoped = json.readTree(send("GET", "/api/v1/models/churn-risk", SH_ADMIN, null).body());
        assertThat(scoped.get("params")).isEqualTo(fitted.get("params"));
        assertThat(scoped.has("customers")).isFalse();
        assertThat(scoped.has("log_likelihood")).isFalse();
        assertThat(scoped.get("spend_model").has("customers")).isFalse();
    }

    @Test
    @Order(3)
    void shouldScoreACustomer() throws Exception {
        JsonNode once = ok("GET", "/api/v1/customers/once").get("data");
        assertThat(once.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(once.get("office").asText()).isEqualTo("SH");
        assertThat(once.get("frequency").asInt()).isZero();
        assertThat(once.get("p_alive").asDouble()).isEqualTo(1.0); // BG/NBD: no repeat purchase, no dropout yet
        assertThat(once.get("expected_purchases").asDouble()).isPositive();
        assertThat(once.get("horizon_weeks").asDouble()).isEqualTo(13.0);
        assertThat(send("GET", "/api/v1/customers/nobody", ADMIN, null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void shouldRankAnOfficesCustomersByRiskTimesValueInPages() throws Exception {
        JsonNode first = ok("GET", "/api/v1/customers/at-risk?group=office:SH&size=20");
        JsonNode second = ok("GET", "/api/v1/customers/at-risk?group=office:SH&size=20&page=2");

        int total = first.get("total").asInt();
        assertThat(total).isPositive().isEqualTo(second.get("total").asInt());
        List<Double> scores = new ArrayList<>();
        for (JsonNode page : List.of(first, second)) {
            page.get("data").forEach(r -> {
                assertThat(r.get("office").asText()).isEqualTo("SH");
                assertThat(r.get("state").asText()).isIn("ACTIVE", "AT_RISK");
                scores.add(r.get("risk_score").asDouble());
            });
        }
        assertThat(scores).hasSize(Math.min(40, total)).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(scores.get(0)).isPositive();

        List<String> csv = send("GET", "/api/v1/customers/at-risk?group=office:SH&size=3", ADMIN, "text/csv").body().lines().toList();
        assertThat(csv.get(0)).startsWith("rank,customer_id,state,office,staff,last_activity,last_contact,p_alive");
        assertThat(csv).hasSize(4);
        assertThat(csv.get(1)).startsWith("1," + first.get("data").get(0).get("customer_id").asText() + ",");
    }

    @Test
    @Order(5)
    void shouldRefuseBadPaging() throws Exception {
        assertThat(send("GET", "/api/v1/customers/at-risk?group=office:SH&size=0", ADMIN, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/customers/at-risk?group=office:SH&page=0", ADMIN, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/customers/at-risk?group=office", ADMIN, null).statusCode()).isEqualTo(400);
    }
}
