package io.crmpulse.streams.figures;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A kind of period (METRICS.md section 3): calendar periods cut in {@code analytics.zone}, or a
 * trailing window of N days ending at each day. Parsed from the API's {@code period} parameter.
 */
public sealed interface Period {

    /** The first day of the period containing {@code day}; for a rolling window, the day itself (its last day). */
    LocalDate periodOf(LocalDate day);

    /** The first day of the period after the one that starts (or, rolling, ends) at {@code start}. */
    LocalDate next(LocalDate start);

    /** First and last-exclusive day of the period identified by {@link #periodOf}. */
    default LocalDate firstDay(LocalDate id) {
        return id;
    }

    default LocalDate endDay(LocalDate id) {
        return next(id);
    }

    String label(LocalDate id);

    /** True when every period starts on the first day of a month and spans whole months, so month totals give its rows. */
    default boolean wholeMonths() {
        return false;
    }

    enum Calendar implements Period {
        DAY("day"), WEEK("week"), MONTH("month"), QUARTER("quarter"), HALF_YEAR("half-year"), YEAR("year");

        private final String name;

        Calendar(String name) {
            this.name = name;
        }

        @Override
        public LocalDate periodOf(LocalDate day) {
            return switch (this) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
                case QUARTER -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
                case HALF_YEAR -> day.withDayOfMonth(1).withMonth(day.getMonthValue() <= 6 ? 1 : 7);
                case YEAR -> day.withDayOfYear(1);
            };
        }

        @Override
        public boolean wholeMonths() {
            return this != DAY && this != WEEK;
        }

        @Override
        public LocalDate next(LocalDate start) {
            return switch (this) {
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
                case QUARTER -> start.plusMonths(3);
                case HALF_YEAR -> start.plusMonths(6);
                case YEAR -> start.plusYears(1);
            };
        }

        @Override
        public String label(LocalDate id) {
            return switch (this) {
                case DAY -> id.toString();
                case WEEK -> weekLabel(id.get(IsoFields.WEEK_BASED_YEAR), id.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case MONTH -> id.toString().substring(0, 7);
                case QUARTER -> id.getYear() + "-Q" + ((id.getMonthValue() - 1) / 3 + 1);
                case HALF_YEAR -> id.getYear() + "-H" + (id.getMonthValue() <= 6 ? 1 : 2);
                case YEAR -> Integer.toString(id.getYear());
            };
        }

        @Override
        public String toString() {
            return name;
        }

        /** {@code 2024-W05}: concatenated, as String.format cost the lifecycle more than the week it formats. */
        private static String weekLabel(int year, int week) {
            return year + (week < 10 ? "-W0" : "-W") + week;
        }
    }

    /** The trailing {@code days} days ending at (and including) each day; identified by its last day. */
    record Rolling(int days) implements Period {

        public Rolling {
            if (days < 1 || days > 3660) {
                throw new IllegalArgumentException("a rolling window has 1 to 3660 days, got " + days);
            }
        }

        @Override
        public LocalDate periodOf(LocalDate day) {
            return day;
        }

        @Override
        public LocalDate next(LocalDate lastDay) {
            return lastDay.plusDays(1);
        }

        @Override
        public LocalDate firstDay(LocalDate lastDay) {
            return lastDay.minusDays(days - 1L);
        }

        @Override
        public String label(LocalDate lastDay) {
            return lastDay.toString();
        }

        @Override
        public String toString() {
            return "rolling:" + days + "d";
        }
    }

    /** {@code day}, {@code week}, {@code month}, {@code quarter}, {@code half-year}, {@code year} or {@code rolling:Nd}. */
    static Period parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Calendar c : Calendar.values()) {
            if (c.name.equals(t)) {
                return c;
            }
        }
        if (t.matches("rolling:\\d{1,4}d")) {
            return new Rolling(Integer.parseInt(t.substring("rolling:".length(), t.length() - 1)));
        }
        throw new IllegalArgumentException("unknown period '" + text + "': expected day, week, month, quarter, half-year, year or rolling:Nd");
    }
}
