package io.crmpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.events.ComplaintEventType;
import io.crmpulse.streams.PipelineDriver;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scorecard endpoints over the real topology (METRICS.md section 6). SH has ten customers from January 2024; in
 * February two more come, and one of two answered complaints is satisfied; in March none comes and none churns. January
 * and February are closed (February on 5 March); March is open. BJ has one customer, from March.
 */
class ScorecardHttpTest {

    private static final String ADMIN = "admin-key-for-every-office";
    private static final String VIEWER = "viewer-key-for-every-office";
    private static final String BJ_ADMIN = "admin-key-of-beijing-only";
    private static final String SH = "/api/v1/scorecards/offices/SH";

    private PipelineDriver pipeline;
    private ApiServer api;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver();
        // Ten customers in January; c0 and c1 never order again (they churn in April, 90 days on).
        for (int c = 0; c < 10; c++) {
            pipeline.order("c" + c, "2024-01-0" + (c % 2 + 1) + "T09:00:00Z", "SH");
        }
        pipeline.order("n1", "2024-02-10T09:00:00Z", "SH").order("n2", "2024-02-11T09:00:00Z", "SH")
                .complaint("c2", "k1", ComplaintEventType.OPENED, "2024-02-12T09:00:00Z", null)
                .complaint("c2", "k1", ComplaintEventType.RESOLVED, "2024-02-12T10:00:00Z", true)
                .complaint("c3", "k2", ComplaintEventType.OPENED, "2024-02-14T09:00:00Z", null)
                .complaint("c3", "k2", ComplaintEventType.RESOLVED, "2024-02-14T10:00:00Z", false);
        for (int c = 2; c < 10; c++) {
            pipeline.order("c" + c, "2024-03-01T09:00:00Z", "SH");
        }
        pipeline.order("b1", "2024-03-02T09:00:00Z", "BJ").streamTimeTo("2024-03-20T00:00:00Z").sendDeltas();
        api = new ApiServer(pipeline, List.of(ApiKey.fromPlain(ADMIN, ApiKey.Role.ADMIN, Set.of()),
                ApiKey.fromPlain(VIEWER, ApiKey.Role.VIEWER, Set.of()), ApiKey.fromPlain(BJ_ADMIN, ApiKey.Role.ADMIN, Set.of("BJ"))));
    }

    @AfterEach
    void stop() {
        api.close();
        pipeline.close();
    }

    @Test
    void shouldAnswerAClosedMonthAsFinalAndTheOpenOneAsProvisional() throws Exception {
        JsonNode february = get(SH + "?month=2024-02").get("data");
        assertThat(february.get("status").asText()).isEqualTo("FINAL");
        assertThat(february.get("closes_at").asText()).isEqualTo("2024-03-05T00:00:00Z");
        // S 10, E 12: churn 0, growth 2/10; satisfaction 1/2. January has no rate (S = 0): every KPI at its base.
        assertThat(february.at("/kpis/churn_rate/rate").asDouble()).isEqualTo(0.0);
        assertThat(february.at("/kpis/growth_rate/rate_fraction").asText()).isEqualTo("1/5");
        assertThat(february.at("/kpis/complaint_satisfaction_rate/rate").asDouble()).isEqualTo(0.5);
        assertThat(february.at("/kpis/growth_rate/score").decimalValue()).isEqualByComparingTo("15");
        assertThat(february.get("total").decimalValue()).isEqualByComparingTo("45");
        assertThat(february.get("max_total").decimalValue()).isEqualByComparingTo("60");
        assertThat(february.at("/counts/customers_at_end").asLong()).isEqualTo(12);

        JsonNode march = get(SH).get("data");
        assertThat(march.get("month").asText()).isEqualTo("2024-03");
        assertThat(march.get("status").asText()).isEqualTo("PROVISIONAL");
        // Growth 0 against February's 20 %: 20 steps below, floored at 0. No complaint answered: satisfaction is missing.
        assertThat(march.at("/kpis/growth_rate/base_fraction").asText()).isEqualTo("1/5");
        assertThat(march.at("/kpis/growth_rate/steps").asLong()).isEqualTo(-20);
        assertThat(march.at("/kpis/growth_rate/score").decimalValue()).isEqualByComparingTo("0");
        assertThat(march.at("/kpis/churn_rate/score").decimalValue()).isEqualByComparingTo("15");
        assertThat(march.at("/kpis/complaint_satisfaction_rate/score").isNull()).isTrue();
        assertThat(march.at("/kpis/complaint_satisfaction_rate/null_reason").asText()).contains("satisfied");
        assertThat(march.get("missing").toString()).isEqualTo("[\"complaint_satisfaction_rate\"]");
        assertThat(march.get("total").decimalValue()).isEqualByComparingTo("15");

        JsonNode history = get(SH + "/history").get("data");
        assertThat(history).extracting(n -> n.get("month").asText() + " " + n.get("status").asText())
                .containsExactly("2024-01 FINAL", "2024-02 FINAL", "2024-03 PROVISIONAL");
    }

    @Test
    void shouldListALateEventAgainstTheFinalSheetAndCountItInTheFigures() throws Exception {
        pipeline.order("late", "2024-02-20T09:00:00Z", "SH").sendDeltas();

        JsonNode february = get(SH + "?month=2024-02").get("data");
        assertThat(february.at("/counts/customers_at_end").asLong()).isEqualTo(12);
        assertThat(february.at("/kpis/growth_rate/rate_fraction").asText()).isEqualTo("1/5");
        assertThat(february.at("/late_events/count").asInt()).isEqualTo(1);
        assertThat(february.at("/late_events/events/0/customer_id").asText()).isEqualTo("late");
        JsonNode figures = json.readTree(api.send("GET", "/api/v1/metrics/customers?group=office:SH&from=2024-02&to=2024-02", ADMIN, null).body());
        assertThat(figures.at("/data/0/customers_at_end").asLong()).isEqualTo(13);
    }

    @Test
    void shouldTakeAManagersRatingUntilTheMonthIsFinal() throws Exception {
        HttpResponse<String> posted = api.post(SH + "/ratings?month=2024-03", ADMIN,
                "{\"levels\": {\"sales_service\": \"good\", \"complaint_handling\": \"excellent\", \"information_collection\": \"fair\"}}");
        assertThat(posted.statusCode()).isEqualTo(202);

        JsonNode rating = get(SH + "?month=2024-03").at("/data/rating");
        assertThat(rating.at("/items/sales_service/points").decimalValue()).isEqualByComparingTo("50");
        assertThat(rating.get("total").decimalValue()).isEqualByComparingTo("78");
        assertThat(rating.get("max_total").decimalValue()).isEqualByComparingTo("100");

        HttpResponse<String> closed = api.post(SH + "/ratings?month=2024-02", ADMIN,
                "{\"levels\": {\"sales_service\": \"good\", \"complaint_handling\": \"good\", \"information_collection\": \"good\"}}");
        assertThat(closed.statusCode()).isEqualTo(409);
        assertThat(closed.body()).contains("FINAL");
        HttpResponse<String> badLevel = api.post(SH + "/ratings?month=2024-03", ADMIN, "{\"levels\": {\"sales_service\": \"superb\"}}");
        assertThat(badLevel.statusCode()).isEqualTo(400);
        assertThat(badLevel.body()).contains("sales_service has no level 'superb'");
        assertThat(api.post(SH + "/ratings?month=2024-03", VIEWER, "{}").statusCode()).isEqualTo(403);
        assertThat(api.post(SH + "/ratings?month=2024-03", BJ_ADMIN, "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void shouldPrintTheAppraisalSheetOfEveryOfficeAsCsv() throws Exception {
        HttpResponse<String> csv = api.send("GET", "/api/v1/scorecards/offices?month=2024-02", ADMIN, "text/csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("office,month,status,churn_rate,churn_rate_base,churn_rate_steps,churn_rate_score,growth_rate,");
        assertThat(lines.get(0)).endsWith(",rating_total,late_events");
        assertThat(lines).hasSize(2).element(1).asString().startsWith("SH,2024-02,FINAL,0.0,,,15,0.2,,,15,0.5,,,15,45,60,,");
        // A key for Beijing sees Beijing's row only (its first month, March).
        HttpResponse<String> bj = api.send("GET", "/api/v1/scorecards/offices", BJ_ADMIN, "text/csv");
        assertThat(bj.body().lines().skip(1).toList()).singleElement().asString().startsWith("BJ,2024-03,PROVISIONAL,");
    }

    @Test
    void shouldNameWhatIsWrongWithARequest() throws Exception {
        assertThat(api.send("GET", SH + "?month=2024-13", ADMIN, null).body()).contains("'2024-13' is not a month");
        assertThat(api.send("GET", SH + "?month=2023-12", ADMIN, null).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/scorecards/offices/XX", ADMIN, null).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", SH, BJ_ADMIN, null).statusCode()).isEqualTo(403);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = api.send("GET", path, ADMIN, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
