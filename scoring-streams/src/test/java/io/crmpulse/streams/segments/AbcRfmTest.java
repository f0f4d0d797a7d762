package io.crmpulse.streams.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.records.CustomerValue;
import io.crmpulse.records.MonthAmount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** METRICS.md section 7 by hand: shares 75/20/5 of the paid amount over the 12 months before the day. */
class AbcRfmTest {

    private static final LocalDate DAY = LocalDate.parse("2024-07-01");

    private static CustomerValue customer(String id, String amount, String... activityDays) {
        return inOffice(id, null, amount, activityDays);
    }

    /** Every customer's classes, as the classification hands them over (in order of customer id). */
    private static Map<String, AbcRfm.Classes> classify(List<CustomerValue> customers, LocalDate day, int windowMonths, int aShare,
                                                        int bShare, boolean withinOffice) {
        Map<String, AbcRfm.Classes> classes = new java.util.LinkedHashMap<>();
        AbcRfm.classify(customers, day, windowMonths, aShare, bShare, withinOffice, classes::put);
        assertThat(new java.util.ArrayList<>(classes.keySet())).isSorted();
        return classes;
    }

    private static CustomerValue inOffice(String id, String office, String amount, String... activityDays) {
        return new CustomerValue(id, office, List.of(new MonthAmount(LocalDate.parse("2024-06-01"), new BigDecimal(amount).setScale(4))),
                java.util.Arrays.stream(activityDays).map(LocalDate::parse).toList());
    }

    @Test
    void shouldSplitTheAmountIntoTheFirst75And20PercentAndTheRest() {
        // Total 1000: A while less than 750 lies before (500, 300), B while less than 950 (100, 50), then C.
        Map<String, AbcRfm.Classes> classes = classify(List.of(
                customer("a", "500", "2024-06-30"), customer("b", "300", "2024-06-20", "2024-06-25"), customer("c", "100", "2024-05-01"),
                customer("d", "50", "2024-06-01"), customer("e", "50", "2024-06-01"), customer("z", "0")), DAY, 12, 75, 20, false);

        assertThat(classes).extractingFromEntries(e -> e.getKey() + e.getValue().abc())
                .containsExactlyInAnyOrder("aA", "bA", "cB", "dB", "eC", "zC");
        // Five customers with activity: ranks 0..4 score 5..1; d and e tie on every measure and share the better score.
        assertThat(classes.get("a").rfm()).isEqualTo("545"); // b has more activity days
        assertThat(classes.get("b").rfm()).isEqualTo("454");
        assertThat(classes.get("d").rfm()).isEqualTo(classes.get("e").rfm());
        assertThat(classes.get("z").rfm()).isNull();
    }

    @Test
    void shouldStartBAndCExactlyWhereTheSharesBefore() {
        // Total 100: b has exactly 75 before it, so it is past the first 75 % (B); c has exactly 95 before it (C).
        Map<String, AbcRfm.Classes> classes = classify(List.of(customer("a", "75", "2024-06-01"), customer("b", "20", "2024-06-01"),
                customer("c", "5", "2024-06-01")), DAY, 12, 75, 20, false);

        assertThat(classes).extractingFromEntries(e -> e.getKey() + e.getValue().abc()).containsExactlyInAnyOrder("aA", "bB", "cC");
    }

    @Test
    void shouldLeaveOutRevenueAndActivityOutsideTheTwelveMonthsBeforeTheDay() {
        CustomerValue old = new CustomerValue("old", null, List.of(new MonthAmount(LocalDate.parse("2023-06-01"), new BigDecimal("900.0000")),
                new MonthAmount(LocalDate.parse("2024-07-01"), new BigDecimal("900.0000"))), List.of(LocalDate.parse("2023-06-15")));
        Map<String, AbcRfm.Classes> classes = classify(List.of(old, customer("new", "10", "2024-06-02")), DAY, 12, 75, 20, false);

        assertThat(classes.get("old").abc()).isEqualTo("C");
        assertThat(classes.get("old").rfm()).isNull();
        assertThat(classes.get("new").abc()).isEqualTo("A");
    }

    @Test
    void shouldRankWithinEachOfficeWhenAskedTo() {
        List<CustomerValue> customers = List.of(inOffice("sh1", "SH", "900", "2024-06-01"), inOffice("sh2", "SH", "100", "2024-06-01"),
                inOffice("bj1", "BJ", "50", "2024-06-01"), inOffice("bj2", "BJ", "10", "2024-06-01"));

        // Company-wide (1,060): 1,000 lies before bj1, under 95 %, so B; 1,050 before bj2, so C. Within BJ (60): bj1 A, bj2 B.
        assertThat(classify(customers, DAY, 12, 75, 20, false)).extractingFromEntries(e -> e.getKey() + e.getValue().abc())
                .containsExactlyInAnyOrder("sh1A", "sh2B", "bj1B", "bj2C");
        assertThat(classify(customers, DAY, 12, 75, 20, true)).extractingFromEntries(e -> e.getKey() + e.getValue().abc())
                .containsExactlyInAnyOrder("sh1A", "sh2B", "bj1A", "bj2B");
    }
}
