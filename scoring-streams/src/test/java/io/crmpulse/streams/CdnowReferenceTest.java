package io.crmpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.streams.figures.CohortFigures;
import io.crmpulse.streams.figures.PeriodRow;
import io.crmpulse.streams.reference.ReferenceLifecycle;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real data against an independent implementation of METRICS.md: every CDNOW record is one PLACED order
 * at 00:00Z of its date, all in office CDNOW; the expected day and month tables were computed outside
 * this project (testdata/cdnow/expected). Counts must be equal, rates equal to 1e-9.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowReferenceTest {

    private static final Path CDNOW = Path.of("../testdata/cdnow");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private static final Path FIGURES_DOC = Path.of("../docs/CDNOW_FIGURES.md");

    private PipelineDriver pipeline;
    private final List<ReferenceLifecycle.Event> events = new java.util.ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void feedTheMasterFile() throws IOException {
        pipeline = new PipelineDriver();
        List<String> lines = Files.readAllLines(CDNOW.resolve("CDNOW_master.txt"));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            LocalDate day = LocalDate.parse(f[1], YYYYMMDD);
            events.add(new ReferenceLifecycle.Event(f[0], day.atStartOfDay(ZoneOffset.UTC).toInstant(), "CDNOW", true));
            pipeline.send(new OrderEvent(
                    PipelineDriver.envelope("cdnow-" + i, f[0], day.atStartOfDay(ZoneOffset.UTC).toInstant(), "CDNOW"),
                    OrderEventType.PLACED, "cdnow-" + i, new BigDecimal(f[3]).setScale(4), "USD", Integer.parseInt(f[2])));
        }
    }

    @AfterAll
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldReproduceTheMonthlyCompanyTable() throws IOException {
        assertMatches("month_all.json", "month");
    }

    @Test
    void shouldReproduceTheDailyCompanyTable() throws IOException {
        assertMatches("day_all.json", "day");
    }

    @Test
    void shouldServeTheSameFiguresForTheOnlyOffice() throws IOException {
        JsonNode expected = json.readTree(CDNOW.resolve("expected/month_all.json").toFile());
        List<PeriodRow> office = pipeline.rows("office:CDNOW", "month");
        assertThat(office).hasSize(expected.get("data").size());
        assertThat(office).extracting(PeriodRow::churned)
                .isEqualTo(pipeline.rows("all", "month").stream().map(PeriodRow::churned).toList());
    }

    @Test
    void shouldReproduceTheCohortRetentionMatrix() throws IOException {
        JsonNode expected = json.readTree(CDNOW.resolve("expected/cohorts.json").toFile());
        List<CohortFigures.CohortRow> rows = CohortFigures.rows(pipeline.cohorts("all"), pipeline.asOf(), ZoneOffset.UTC, null, null);

        assertThat(rows).hasSize(expected.get("data").size());
        for (int i = 0; i < rows.size(); i++) {
            CohortFigures.CohortRow actual = rows.get(i);
            JsonNode want = expected.get("data").get(i);
            assertThat(actual.cohort()).isEqualTo(want.get("cohort").asText());
            assertThat(actual.size()).isEqualTo(want.get("size").asLong());
            assertThat(actual.openOffset()).isEqualTo(want.get("open_offset").asInt());
            List<Long> counts = new java.util.ArrayList<>();
            want.get("active_counts").forEach(n -> counts.add(n.asLong()));
            assertThat(actual.activeCounts()).as(actual.cohort()).isEqualTo(counts);
            for (int k = 0; k < actual.retention().size(); k++) {
                assertThat(actual.retention().get(k)).isCloseTo(want.get("retention").get(k).asDouble(), within(1e-9));
            }
        }
    }

    /**
     * docs/CDNOW_FIGURES.md is rendered here from three sources that must agree: the pipeline, the
     * reference implementation of the test tree run on the same orders, and the independent
     * implementation's published files. The committed page must equal the rendering.
     */
    @Test
    void shouldDocumentTheMonthlyTableAndCohortsAsComputed() throws IOException {
        JsonNode expected = json.readTree(CDNOW.resolve("expected/month_all.json").toFile());
        Map<String, long[]> reference = referenceMonths();
        StringBuilder doc = new StringBuilder();
        doc.append("# CDNOW through the pipeline: monthly figures and cohorts\n\n")
                .append("All 69,659 records of `testdata/cdnow/CDNOW_master.txt` (23,570 customers) ingested as PLACED orders at 00:00 UTC,\n")
                .append("one office, METRICS.md defaults (churn after 90 days), stream time 1998-06-30T00:00Z. Generated and checked by\n")
                .append("`CdnowReferenceTest`: each row holds the pipeline's figures, then S N R C E of the reference implementation in\n")
                .append("the test tree (`ReferenceLifecycle`, run on the same orders), then those of the independent implementation in\n")
                .append("`testdata/cdnow/expected`. All three are equal; rates agree to 1e-9.\n\n")
                .append("| month | S | N | R | C | E | churn | retention | growth | reference S N R C E | independent S N R C E |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<PeriodRow> rows = pipeline.rows("all", "month");
        for (int i = 0; i < rows.size(); i++) {
            PeriodRow r = rows.get(i);
            JsonNode want = expected.get("data").get(i);
            long[] ref = reference.get(r.period());
            String ours = r.customersAtStart() + " " + r.newCustomers() + " " + r.reactivated() + " " + r.churned() + " " + r.customersAtEnd();
            String refText = ref[0] + " " + ref[1] + " " + ref[2] + " " + ref[3] + " " + ref[4];
            String independent = want.get("customers_at_start").asLong() + " " + want.get("new").asLong() + " " + want.get("reactivated").asLong()
                    + " " + want.get("churned").asLong() + " " + want.get("customers_at_end").asLong();
            assertThat(refText).as(r.period() + " reference").isEqualTo(ours);
            assertThat(independent).as(r.period() + " independent").isEqualTo(ours);
            doc.append("| ").append(r.period()).append(r.open() ? " (open)" : "").append(" | ")
                    .append(ours.replace(" ", " | ")).append(" | ").append(rate(r.churnRate())).append(" | ").append(rate(r.retentionRate()))
                    .append(" | ").append(rate(r.growthRate())).append(" | ").append(refText).append(" | ").append(independent).append(" |\n");
        }
        doc.append("\n## Cohort retention (share of each cohort with an order k months after its first)\n\n| cohort | size |");
        List<CohortFigures.CohortRow> cohorts = CohortFigures.rows(pipeline.cohorts("all"), pipeline.asOf(), ZoneOffset.UTC, null, null);
        int offsets = cohorts.stream().mapToInt(CohortFigures.CohortRow::openOffset).max().orElse(0);
        for (int k = 0; k <= offsets; k++) {
            doc.append(" ").append(k).append(" |");
        }
        doc.append("\n|---|---|").append("---|".repeat(offsets + 1)).append("\n");
        for (CohortFigures.CohortRow c : cohorts) {
            doc.append("| ").append(c.cohort()).append(" | ").append(c.size()).append(" |");
            for (int k = 0; k <= offsets; k++) {
                doc.append(" ").append(k < c.retention().size() ? String.format(java.util.Locale.ROOT, "%.4f", c.retention().get(k)) : "").append(" |");
            }
            doc.append("\n");
        }
        doc.append("\nThe cohort matrix equals `testdata/cdnow/expected/cohorts.json` cell by cell (`shouldReproduceTheCohortRetentionMatrix`).\n");
        doc.append("\n## Repeat purchase (customers with orders on two or more distinct days of the month)\n\n")
                .append("Each row: the pipeline's customers with an order in the month, those with orders on two or more days, their ratio,\n")
                .append("and the reference implementation's two counts (`ReferenceLifecycle.repeatPurchase`); they are equal.\n\n")
                .append("| month | active | repeat | repeat_purchase_rate | reference active repeat |\n|---|---|---|---|---|\n");
        Map<String, List<Long>> referenceRepeat = new ReferenceLifecycle(java.time.Duration.ofDays(60), java.time.Duration.ofDays(90), java.time.Duration.ofHours(4), java.time.Duration.ofDays(30), ZoneOffset.UTC)
                .repeatPurchase(events).get("all");
        for (PeriodRow r : rows) {
            List<Long> ref = referenceRepeat.getOrDefault(r.period(), List.of(0L, 0L));
            assertThat(List.of(r.activeCustomers(), r.repeatCustomers())).as(r.period() + " repeat purchase").isEqualTo(ref);
            doc.append("| ").append(r.period()).append(" | ").append(r.activeCustomers()).append(" | ").append(r.repeatCustomers())
                    .append(" | ").append(rate(r.repeatPurchaseRate())).append(" | ").append(ref.get(0)).append(" ").append(ref.get(1)).append(" |\n");
        }
        io.crmpulse.records.ActivityCell lifetime = pipeline.repeat("all").get("lifetime");
        assertThat(List.of(lifetime.getActive(), lifetime.getRepeat())).isEqualTo(referenceRepeat.get("lifetime"));
        doc.append("\nOver whole histories: ").append(lifetime.getRepeat()).append(" of ").append(lifetime.getActive())
                .append(" customers ordered on two or more days (").append(rate((double) lifetime.getRepeat() / lifetime.getActive()))
                .append("); the reference counts the same.\n");
        if (!Files.exists(FIGURES_DOC) || !Files.readString(FIGURES_DOC).equals(doc.toString())) {
            Files.writeString(Path.of("target/CDNOW_FIGURES.md"), doc.toString());
        }
        assertThat(Files.exists(FIGURES_DOC) ? Files.readString(FIGURES_DOC) : "")
                .as("docs/CDNOW_FIGURES.md is out of date: copy scoring-streams/target/CDNOW_FIGURES.md over it").isEqualTo(doc.toString());
    }

    /** S, N, R, C, E per month from the reference implementation's daily flows (its own arithmetic). */
    private Map<String, long[]> referenceMonths() {
        Map<String, Map<LocalDate, long[]>> flows = new ReferenceLifecycle(java.time.Duration.ofDays(60), java.time.Duration.ofDays(90), java.time.Duration.ofHours(4), java.time.Duration.ofDays(30), ZoneOffset.UTC)
                .dailyFlows(events, java.time.Instant.parse("1998-06-30T00:00:00Z"));
        Map<String, long[]> months = new java.util.TreeMap<>();
        long active = 0;
        for (Map.Entry<LocalDate, long[]> day : new java.util.TreeMap<>(flows.get("all")).entrySet()) {
            String month = day.getKey().toString().substring(0, 7);
            long start = active;
            long[] m = months.computeIfAbsent(month, k -> new long[] {start, 0, 0, 0, start});
            long[] f = day.getValue();
            m[1] += f[0];
            m[2] += f[1];
            m[3] += f[2];
            active += f[0] + f[1] - f[2];
            m[4] = active;
        }
        return months;
    }

    private static String rate(Double r) {
        return r == null ? "–" : String.format(java.util.Locale.ROOT, "%.4f", r);
    }

    private void assertMatches(String file, String period) throws IOException {
        JsonNode expected = json.readTree(CDNOW.resolve("expected").resolve(file).toFile());
        assertThat(pipeline.asOf()).hasToString(expected.get("as_of").asText());
        List<PeriodRow> rows = pipeline.rows("all", period);
        assertThat(rows).hasSize(expected.get("data").size());
        for (int i = 0; i < rows.size(); i++) {
            PeriodRow actual = rows.get(i);
            JsonNode want = expected.get("data").get(i);
            String where = file + " " + want.get("period").asText();
            assertThat(actual.period()).as(where).isEqualTo(want.get("period").asText());
            assertThat(new long[] {actual.customersAtStart(), actual.newCustomers(), actual.reactivated(), actual.churned(),
                    actual.transferredIn(), actual.transferredOut(), actual.customersAtEnd()}).as(where)
                    .containsExactly(want.get("customers_at_start").asLong(), want.get("new").asLong(),
                            want.get("reactivated").asLong(), want.get("churned").asLong(),
                            want.get("transferred_in").asLong(), want.get("transferred_out").asLong(),
                            want.get("customers_at_end").asLong());
            assertRate(where + " churn_rate", actual.churnRate(), want.get("churn_rate"));
            assertRate(where + " retention_rate", actual.retentionRate(), want.get("retention_rate"));
            assertRate(where + " growth_rate", actual.growthRate(), want.get("growth_rate"));
            assertThat(actual.open()).as(where + " open").isEqualTo(want.get("open").asBoolean());
        }
    }

    private static void assertRate(String where, Double actual, JsonNode expected) {
        if (expected.isNull()) {
            assertThat(actual).as(where).isNull();
        } else {
            assertThat(actual).as(where).isCloseTo(expected.asDouble(), within(1e-9));
        }
    }
}
