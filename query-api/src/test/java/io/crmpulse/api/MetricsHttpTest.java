package io.crmpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.events.ComplaintEventType;
import io.crmpulse.events.ContactEventType;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import java.math.BigDecimal;
import java.time.Instant;
import io.crmpulse.streams.PipelineDriver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The HTTP contract of the customer metrics, over the real topology on a test driver. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsHttpTest {

    private static final String ADMIN = "admin-key";
    private static final String SH_ONLY = "shanghai-key";

    private PipelineDriver pipeline;
    private ApiServer api;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() {
        pipeline = new PipelineDriver();
        pipeline.order("c1", "2023-01-01T00:00:00Z", "SH").order("c2", "2023-01-10T00:00:00Z", "BJ")
                .order("c3", "2023-02-01T00:00:00Z", "SH")
                .send(new OrderEvent(PipelineDriver.envelope("p1", "c1", Instant.parse("2023-01-01T00:00:00Z"), "SH"), OrderEventType.PAID,
                        "o-p1", new BigDecimal("80.0000"), "EUR", null))
                .send(new OrderEvent(PipelineDriver.envelope("p2", "c1", Instant.parse("2023-02-02T00:00:00Z"), "SH"), OrderEventType.REFUNDED,
                        "o-p1", new BigDecimal("30.0000"), "EUR", null))
                .complaint("c1", "K1", ComplaintEventType.OPENED, "2023-02-03T09:00:00Z", null)
                .complaint("c1", "K1", ComplaintEventType.RESOLVED, "2023-02-03T10:30:00Z", true)
                .contact("c3", ContactEventType.VISIT, "2023-04-03T09:00:00Z", "SH", "zhao", "2023-04-10T00:00:00Z")
                .streamTimeTo("2023-04-15T00:00:00Z");
        api = new ApiServer(pipeline, List.of(ApiKey.fromPlain(ADMIN, ApiKey.Role.ADMIN, Set.of()),
                ApiKey.fromPlain(SH_ONLY, ApiKey.Role.VIEWER, Set.of("SH"))));
    }

    @AfterAll
    void stop() {
        api.close();
        pipeline.close();
    }

    private HttpResponse<String> get(String path, String key, String accept) throws IOException, InterruptedException {
        return api.send("GET", path, key, accept);
    }

    @Test
    void shouldServeMonthlyFiguresOfAnOfficeWithAsOf() throws Exception {
        HttpResponse<String> response = get("/api/v1/metrics/customers?group=office:SH&period=month", ADMIN, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("as_of").asText()).isEqualTo("2023-04-15T00:00:00Z");
        assertThat(body.get("open_periods")).extracting(JsonNode::asText).containsExactly("2023-04");
        JsonNode april = body.get("data").get(3);
        assertThat(april.get("period").asText()).isEqualTo("2023-04");
        assertThat(april.get("group").asText()).isEqualTo("office:SH");
        assertThat(april.get("customers_at_start").asLong()).isEqualTo(2);
        assertThat(april.get("churned").asLong()).isEqualTo(1);
        assertThat(april.get("customers_at_end").asLong()).isEqualTo(1);
        assertThat(april.get("churn_rate").asDouble()).isEqualTo(0.5);
        assertThat(april.get("open").asBoolean()).isTrue();
        JsonNode january = body.get("data").get(0);
        assertThat(january.get("churn_rate").isNull()).isTrue();
        assertThat(january.get("null_reason").asText()).contains("customers_at_start is 0");
    }

    @Test
    void shouldReturnEveryOfficeForGroupOfficeAndHonourFromTo() throws Exception {
        JsonNode body = json.readTree(get("/api/v1/metrics/customers?group=office&period=month&from=2023-02&to=2023-02", ADMIN, null).body());

        assertThat(body.get("data")).extracting(r -> r.get("group").asText() + " " + r.get("period").asText())
                .containsExactly("office:BJ 2023-02", "office:SH 2023-02");
    }

    @Test
    void shouldAnswerCsvWhenAskedFor() throws Exception {
        HttpResponse<String> response = get("/api/v1/metrics/customers?group=all&period=quarter", ADMIN, "text/csv");

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        List<String> lines = response.body().lines().toList();
        assertThat(lines.get(0)).startsWith("period,group,customers_at_start,new,reactivated,churned");
        assertThat(lines.get(1)).startsWith("2023-Q1,all,0,");
    }

    @Test
    void shouldNameTheBadParameterIn400ProblemJson() throws Exception {
        for (String[] c : new String[][] {
                {"period=fortnight", "period"}, {"group=planet:x", "group"}, {"from=2023-13", "from"},
                {"from=2023-03-01&to=2023-02-01", "from"}, {"period=rolling:0d", "period"}, {"group=office:", "group"}}) {
            HttpResponse<String> response = get("/api/v1/metrics/customers?" + c[0], ADMIN, null);
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(json.readTree(response.body()).get("parameter").asText()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void shouldServeComplaintFiguresAsJsonAndCsv() throws Exception {
        JsonNode body = json.readTree(get("/api/v1/metrics/complaints?group=office:SH&period=month&from=2023-02&to=2023-03", ADMIN, null).body());

        assertThat(body.get("as_of").asText()).isEqualTo("2023-04-15T00:00:00Z");
        JsonNode february = body.get("data").get(0);
        assertThat(february.get("period").asText()).isEqualTo("2023-02");
        assertThat(february.get("complaints_opened").asLong()).isEqualTo(1);
        assertThat(february.get("customers_at_start").asLong()).isEqualTo(1);
        assertThat(february.get("complaint_rate").asDouble()).isEqualTo(1.0);
        assertThat(february.get("complaint_satisfaction_rate").asDouble()).isEqualTo(1.0);
        assertThat(february.get("sla_met_rate").asDouble()).isEqualTo(1.0);
        assertThat(february.get("time_to_resolve_p50_seconds").asLong()).isEqualTo(5400);
        JsonNode march = body.get("data").get(1);
        assertThat(march.get("complaints_opened").asLong()).isZero();
        assertThat(march.get("resolution_rate").isNull()).isTrue();
        assertThat(march.get("null_reasons").get("resolution_rate").asText()).isEqualTo("no complaint was opened in the period");

        String csv = get("/api/v1/metrics/complaints?group=office:SH&period=month&from=2023-02&to=2023-02", ADMIN, "text/csv").body();
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("period,group,complaints_opened,complaints_resolved");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("2023-02,office:SH,1,1,1,1,1,1,0,1,1.0,1.0,1.0,0.0,1.0,5400,5400,");
    }

    @Test
    void shouldServeRepeatPurchasePerPeriodAndOverWholeHistories() throws Exception {
        // The clock customers of streamTimeTo are company-wide only; c1 and c3 of SH ordered once each.
        JsonNode january = json.readTree(get("/api/v1/metrics/customers?group=office:SH&period=month&from=2023-01&to=2023-01", ADMIN, null)
                .body()).get("data").get(0);
        assertThat(january.get("active_customers").asLong()).isEqualTo(1);
        assertThat(january.get("repeat_customers").asLong()).isZero();
        assertThat(january.get("repeat_purchase_rate").asDouble()).isZero();
        JsonNode day = json.readTree(get("/api/v1/metrics/customers?group=office:SH&period=day&from=2023-01-01&to=2023-01-01", ADMIN, null)
                .body()).get("data").get(0);
        assertThat(day.get("repeat_purchase_rate").isNull()).isTrue();
        assertThat(day.get("repeat_purchase_null_reason").asText()).contains("calendar weeks");

        JsonNode lifetime = json.readTree(get("/api/v1/metrics/repeat-purchase?group=office", ADMIN, null).body()).get("data");
        assertThat(lifetime).extracting(r -> r.get("group").asText() + " " + r.get("customers").asLong() + " " + r.get("repeat_customers").asLong())
                .containsExactly("office:BJ 1 0", "office:SH 2 0");
    }

    @Test
    void shouldServeRevenueCohortsWithNetRevenueRetention() throws Exception {
        JsonNode body = json.readTree(get("/api/v1/metrics/cohorts?group=office:SH&measure=revenue", ADMIN, null).body());

        JsonNode january = body.get("data").get(0);
        assertThat(january.get("cohort").asText()).isEqualTo("2023-01");
        assertThat(january.get("revenue").get(0).decimalValue()).isEqualByComparingTo("80");
        assertThat(january.get("revenue").get(1).decimalValue()).isEqualByComparingTo("-30");
        assertThat(january.get("net_revenue_retention").get(1).asDouble()).isEqualTo(-0.375);
        assertThat(get("/api/v1/metrics/cohorts?group=all&measure=margin", ADMIN, null).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldServeContactWorkAndTheCustomersThatNeedAttention() throws Exception {
        JsonNode body = json.readTree(get("/api/v1/metrics/contacts?group=office:SH&period=month&from=2023-04", ADMIN, null).body());

        JsonNode april = body.get("data").get(0);
        assertThat(april.get("period").asText()).isEqualTo("2023-04");
        assertThat(april.get("visits").asLong()).isEqualTo(1);
        assertThat(april.get("follow_ups_set").asLong()).isEqualTo(1);
        assertThat(april.get("customers_contacted").asLong()).isEqualTo(1);
        // As of April 15: c1 churned on April 1; c3 (last order February 1) is at risk since April 2, was
        // visited on April 3 (within 30 days), and its reminder of April 10 has passed.
        JsonNode attention = body.get("attention").get(0);
        assertThat(attention.get("at_risk_customers").asLong()).isEqualTo(1);
        assertThat(attention.get("neglected_at_risk_customers").asLong()).isZero();
        assertThat(attention.get("overdue_follow_ups").asLong()).isEqualTo(1);
        assertThat(attention.get("not_contacted_this_month").asLong()).isZero();
        assertThat(List.of("customers_and_prospects", "at_risk_customers", "neglected_at_risk_customers", "overdue_follow_ups", "not_contacted"))
                .extracting(field -> april.get(field).asLong()).containsExactly(1L, 1L, 0L, 1L, 0L);
        // At the end of March c1 (last order January 1) was still a customer, at risk since March 2 and never contacted.
        JsonNode march = json.readTree(get("/api/v1/metrics/contacts?group=office:SH&period=month&from=2023-03&to=2023-03", ADMIN, null)
                .body()).get("data").get(0);
        assertThat(List.of("customers_and_prospects", "at_risk_customers", "neglected_at_risk_customers", "overdue_follow_ups", "not_contacted"))
                .extracting(field -> march.get(field).asLong()).containsExactly(2L, 1L, 1L, 0L, 2L);
        assertThat(get("/api/v1/metrics/contacts?group=segment:A", ADMIN, null).statusCode()).isEqualTo(400);
        JsonNode quarter = json.readTree(get("/api/v1/metrics/contacts?group=office:SH&period=quarter&from=2023-04", ADMIN, null).body())
                .get("data").get(0);
        assertThat(quarter.get("customers_contacted").isNull()).isTrue();
        assertThat(quarter.get("customers_contacted_null_reason").asText()).contains("weeks and months");
        assertThat(quarter.get("not_contacted").isNull()).isTrue();
        assertThat(quarter.get("not_contacted_null_reason").asText()).contains("weeks and months");
    }

    @Test
    void shouldShowEachCustomersAbcClassAndCountTheClasses() throws Exception {
        // Only c1 has paid revenue (80 paid, 30 refunded): it alone makes up the amount, so it is A, the rest C.
        JsonNode c1 = json.readTree(get("/api/v1/customers/c1", ADMIN, null).body());
        assertThat(c1.get("segment").get("abc").asText()).isEqualTo("A");
        // The day of the classification that last changed its class or scores: nothing has moved them since.
        assertThat(c1.get("segment").get("day").asText()).isEqualTo("2023-02-02");

        JsonNode counts = json.readTree(get("/api/v1/customers/segments", ADMIN, null).body());
        assertThat(counts.get("abc").get("A").asLong()).isEqualTo(1);
        assertThat(counts.get("abc").get("C").asLong()).isEqualTo(counts.get("customers").asLong() - 1);
        assertThat(get("/api/v1/customers/segments", SH_ONLY, null).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldServeTheCohortMatrixPerOffice() throws Exception {
        JsonNode body = json.readTree(get("/api/v1/metrics/cohorts?group=office:SH", ADMIN, null).body());

        // c1 (SH, January) and c3 (SH, February) each bought once: retention is 1 in their first month, then 0.
        assertThat(body.get("data")).extracting(r -> r.get("cohort").asText() + " size=" + r.get("size").asLong()
                + " active=" + r.get("active_counts")).containsExactly("2023-01 size=1 active=[1,0,0,0]", "2023-02 size=1 active=[1,0,0]");
        assertThat(body.get("data").get(0).get("retention").get(0).asDouble()).isEqualTo(1.0);
        assertThat(get("/api/v1/metrics/cohorts?group=staff:x", ADMIN, null).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswer404ForAnUnknownOffice() throws Exception {
        assertThat(get("/api/v1/metrics/customers?group=office:XX", ADMIN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRequireAKeyAndKeepScopedKeysToTheirOffices() throws Exception {
        assertThat(get("/api/v1/metrics/customers", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/metrics/customers", "wrong", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/metrics/customers?group=all", SH_ONLY, null).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/metrics/customers?group=office:BJ", SH_ONLY, null).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/metrics/customers?group=office:SH", SH_ONLY, null).statusCode()).isEqualTo(200);
        JsonNode offices = json.readTree(get("/api/v1/metrics/customers?group=office&from=2023-01&to=2023-01", SH_ONLY, null).body());
        assertThat(offices.get("data")).extracting(r -> r.get("group").asText()).containsExactly("office:SH");
    }

    @Test
    void shouldReportHealthWithoutAKey() throws Exception {
        HttpResponse<String> response = get("/health", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("status").asText()).isEqualTo("UP");
    }
}
