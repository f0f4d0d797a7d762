package io.crmpulse.api;

import io.crmpulse.records.AlertEvent;
import io.crmpulse.records.AlertRule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.math.BigDecimal;

/** Alerts and alert rules as the API shows and takes them (snake_case JSON). */
final class AlertRows {

    private AlertRows() {
    }

    /** One alert's latest change, with the rate it was last evaluated at. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Alert(String ruleId, String group, String state, String severity, String metric, String window, @Nullable Double value,
                 long numerator, long denominator, String threshold, String since, String asOf, String message,
                 @Nullable String customerId, @Nullable String staffId) {

        /** {@code since}: when it was raised or resolved; {@code value} and {@code as_of}: its rate when last evaluated. */
        static Alert of(AlertEvent e) {
            return new Alert(e.getRuleId(), e.getGroup(), e.getState(), e.getSeverity(), e.getMetric(), e.getWindow(), e.getValue(),
                    e.getNumerator(), e.getDenominator(), e.getThreshold(), (e.getSince() != null ? e.getSince() : e.getAsOf()).toString(),
                    e.getAsOf().toString(), e.getMessage(), e.getCustomerId(), e.getStaffId());
        }
    }

    /** A rule, as posted and as listed; {@code clear}, {@code min_denominator} and {@code severity} may be left out. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Rule(@Nullable String id, @Nullable String metric, @Nullable String group, @Nullable String window, @Nullable String comparator,
                @Nullable BigDecimal threshold, @Nullable BigDecimal clear, @Nullable Long minDenominator, @Nullable String severity,
                @Nullable String description) {

        static Rule of(AlertRule r) {
            return new Rule(r.getRuleId(), r.getMetric(), r.getGroup(), r.getWindow(), r.getComparator(), new BigDecimal(r.getThreshold()),
                    new BigDecimal(r.getClear()), r.getMinDenominator(), r.getSeverity(), r.getDescription());
        }

        /** The rule as kept, with {@code id}; a 400 naming the first field missing. */
        AlertRule toRecord(String ruleId) {
            String threshold = required("threshold", this.threshold).toPlainString();
            return new AlertRule(ruleId, required("metric", metric), required("group", group), required("window", window),
                    required("comparator", comparator), threshold, clear == null ? threshold : clear.toPlainString(),
                    minDenominator == null ? 1L : minDenominator, severity == null ? "warning" : severity, description);
        }

        private static <T> T required(String field, T value) {
            if (value == null) {
                throw new ApiErrors.BadParameter(field, "the rule needs " + field);
            }
            return value;
        }
    }
}
