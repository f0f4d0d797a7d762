package io.crmpulse.streams.scorecard;

/**
 * One KPI of one scorecard: the rate, the base it is compared with, the whole steps between them (positive: better
 * than the base) and the score. {@code score} is null, with {@code nullReason}, when the rate is; {@code base} is null,
 * with {@code baseNote}, when there is none to compare with (the KPI then scores at its base), and {@code steps} is null
 * when there is no base or the steps are unbounded (a relative step of a zero base).
 */
public record KpiScore(String kpi, Fraction rate, Fraction base, String baseNote, Long steps, Fraction score, String nullReason) {
}
