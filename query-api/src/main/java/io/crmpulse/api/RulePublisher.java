package io.crmpulse.api;

import io.crmpulse.records.AlertRule;

/** Writes alert rules to the compacted topic {@code pulse.alert-rules}, from where every instance's global store reads them. */
public interface RulePublisher {

    /** Adds or replaces the rule of its id; returns once it is durably written. */
    void publish(AlertRule rule);

    /** Deletes the rule (a tombstone); returns once it is durably written. */
    void delete(String ruleId);
}
