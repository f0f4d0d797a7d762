package io.crmpulse.streams.alerts;

import java.time.Duration;
import java.util.Set;

/**
 * The alerts' configuration (METRICS.md section 9).
 *
 * @param interval          {@code --alert-interval}: how often each counter task evaluates the rules on group figures
 * @param neglectedSegments {@code --alert-neglected-segments}: a customer of these segments that is AT_RISK with no
 *                          contact for service.contact-gap raises an alert addressed to its account manager (empty: none)
 */
public record AlertSettings(Duration interval, Set<String> neglectedSegments) {

    /** The rule id of the customer alerts. */
    public static final String NEGLECTED_CUSTOMER = "neglected-customer";

    public static final AlertSettings DEFAULTS = new AlertSettings(Duration.ofSeconds(1), Set.of("A"));

    public AlertSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("--alert-interval must be positive, got " + interval);
        }
        neglectedSegments = Set.copyOf(neglectedSegments);
    }
}
