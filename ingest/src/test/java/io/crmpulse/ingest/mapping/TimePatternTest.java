package io.crmpulse.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The positional reading of fixed-width patterns gives exactly what a strict {@link DateTimeFormatter}
 * of the same pattern gives, for texts it formats and for damaged ones: the same instant, or an error.
 */
class TimePatternTest {

    private static final String[] PATTERNS = {
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "yyyyMMdd", "dd/MM/yyyy HH:mm", "uuuu-MM-dd'T'HH:mm:ss.SSS", "yyyy年MM月dd日"};

    @Test
    void shouldReadCommonExportPatternsByPosition() {
        for (String pattern : PATTERNS) {
            assertThat(TimePattern.of(pattern).positional()).as(pattern).isTrue();
        }
        assertThat(TimePattern.of("yyyy-M-d").positional()).isFalse();
        assertThat(TimePattern.of("yyyy-MM-dd[ HH:mm]").positional()).isFalse();
        assertThat(TimePattern.of("dd MMM yyyy").positional()).isFalse();
    }

    @Test
    void shouldRefuseDatesTheCalendarDoesNotHave() {
        TimePattern pattern = TimePattern.of("yyyy-MM-dd HH:mm:ss");
        assertThat(pattern.parse("2024-02-29 23:59:59")).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59));
        assertThatThrownBy(() -> pattern.parse("2024-02-30 09:00:00")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> pattern.parse("2023-02-29 09:00:00")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> pattern.parse("2024-01-01 24:00:00")).isInstanceOf(DateTimeException.class);
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(PATTERNS);
    }

    @Provide
    Arbitrary<LocalDateTime> times() {
        return Combinators.combine(Arbitraries.integers().between(1, 9999), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 28), Arbitraries.integers().between(0, 86_399_999))
                .as((y, m, d, ms) -> LocalDateTime.of(y, m, d, 0, 0).plusNanos(ms * 1_000_000L));
    }

    /** A character of the formatted text replaced by another digit or a separator; or none. */
    @Provide
    Arbitrary<String> damage() {
        return Arbitraries.of("", "0", "9", "3", "1", "-", " ", "x");
    }

    @Property(tries = 3000)
    void shouldAgreeWithTheStrictFormatter(@ForAll("patterns") String pattern, @ForAll("times") LocalDateTime time,
            @ForAll("damage") String damage, @ForAll int position) {
        DateTimeFormatter reference = strict(pattern);
        String text = reference.format(time);
        if (!damage.isEmpty()) {
            int at = Math.floorMod(position, text.length());
            text = text.substring(0, at) + damage + text.substring(at + 1);
        }
        LocalDateTime expected;
        try {
            expected = LocalDateTime.from(reference.parse(text));
        } catch (DateTimeException e) {
            expected = null;
        }
        LocalDateTime actual;
        try {
            actual = TimePattern.of(pattern).parse(text);
        } catch (DateTimeException e) {
            actual = null;
        }
        assertThat(actual).as("'%s' read as '%s'", text, pattern).isEqualTo(expected);
    }

    /** Written out here rather than taken from TimePattern, so the test does not share what it checks. */
    private static DateTimeFormatter strict(String pattern) {
        return new DateTimeFormatterBuilder().appendPattern(pattern)
                .parseDefaulting(ChronoField.ERA, 1)
                .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }
}
