package io.crmpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.events.OrderEventType;
import io.crmpulse.streams.figures.CohortFigures;
import io.crmpulse.streams.figures.PeriodRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real data against an independent implementation of METRICS.md: every CDNOW record is one PLACED order
 * at 00:00Z of its date, all in office CDNOW; the expected day and month tables were computed outside
 * this project (shared/data/cdnow/expected). Counts must be equal, rates equal to 1e-9.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowReferenceTest {

    private static final Path CDNOW = Path.of("../../shared/data/cdnow");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private PipelineDriver pipeline;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void feedTheMasterFile() throws IOException {
        assumeTrue(Files.isReadable(CDNOW.resolve("CDNOW_master.txt")),
                "the CDNOW reference data lies beside the repository in shared/data/cdnow");
        pipeline = new PipelineDriver();
        List<String> lines = Files.readAllLines(CDNOW.resolve("CDNOW_master.txt"));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            LocalDate day = LocalDate.parse(f[1], YYYYMMDD);
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
