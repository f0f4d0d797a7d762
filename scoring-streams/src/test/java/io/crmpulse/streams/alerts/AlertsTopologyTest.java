package io.crmpulse.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmpulse.events.ComplaintEventType;
import io.crmpulse.records.AlertEvent;
import io.crmpulse.records.AlertRule;
import io.crmpulse.streams.PipelineDriver;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Alerts on a group's figure (METRICS.md section 9): raised when the rule starts to hold, resolved when it stops, each
 * once, with hysteresis and a minimum denominator. The figure here is an office's complaint satisfaction of the day
 * (rolling:1d), which each test sets by the complaints it resolves.
 */
class AlertsTopologyTest {

    /** Raised below 80 % satisfied, resolved only at 90 % or more, on at least 5 answered resolutions. */
    private static final AlertRule LOW_SATISFACTION = new AlertRule("low-satisfaction", "complaint_satisfaction_rate", "office",
            "rolling:1d", "<", "0.80", "0.90", 5L, "warning", null);

    private int complaints;

    @Test
    void shouldRaiseOnceAndResolveOnceWhileTheRateWandersAroundItsThreshold() {
        try (PipelineDriver pipeline = customersAtShanghai()) {
            pipeline.rule(LOW_SATISFACTION.getRuleId(), LOW_SATISFACTION);

            day(pipeline, "2024-03-01", 10, 9);   // 90 %
            day(pipeline, "2024-03-02", 10, 7);   // 70 %: raised
            day(pipeline, "2024-03-03", 20, 17);  // 85 %: above the threshold, below the clear threshold: still raised
            day(pipeline, "2024-03-04", 10, 7);   // 70 %: still raised, not raised again
            day(pipeline, "2024-03-05", 20, 16);  // 80 %: the rule no longer holds, but it has not come back to 90 %
            day(pipeline, "2024-03-06", 10, 9);   // 90 %: resolved
            day(pipeline, "2024-03-07", 10, 8);   // 80 %: not below 80 %, nothing
            day(pipeline, "2024-03-08", 4, 0);    // 0 %, but of 4 answers: under the minimum, nothing

            List<AlertEvent> events = pipeline.alertEvents();
            assertThat(events).extracting(AlertEvent::getState, AlertEvent::getGroup, e -> e.getAsOf().toString().substring(0, 10))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("RAISED", "office:SH", "2024-03-02"),
                            org.assertj.core.groups.Tuple.tuple("RESOLVED", "office:SH", "2024-03-06"));
            assertThat(events.get(0).getValue()).isEqualTo(0.7);
            assertThat(events.get(0).getNumerator()).isEqualTo(7);
            assertThat(events.get(0).getDenominator()).isEqualTo(10);
            assertThat(events.get(1).getThreshold()).isEqualTo("0.90");
            assertThat(pipeline.alertStates()).extracting(AlertEvent::getState).containsExactly("RESOLVED");
        }
    }

    @Test
    void shouldResolveTheOpenAlertsOfARuleThatIsDeleted() {
        try (PipelineDriver pipeline = customersAtShanghai()) {
            pipeline.rule(LOW_SATISFACTION.getRuleId(), LOW_SATISFACTION);
            day(pipeline, "2024-03-02", 10, 5);
            assertThat(pipeline.alertStates()).extracting(AlertEvent::getState).containsExactly("RAISED");

            pipeline.rule(LOW_SATISFACTION.getRuleId(), null);
            day(pipeline, "2024-03-03", 10, 5);

            assertThat(pipeline.alertEvents()).extracting(AlertEvent::getState).containsExactly("RAISED", "RESOLVED");
            assertThat(pipeline.alertStates().get(0).getMessage()).contains("deleted");
        }
    }

    @Test
    void shouldRefuseARuleWhoseClearThresholdIsOnTheWrongSide() {
        String rules = """
                version: 1
                rules:
                  - id: churn
                    metric: churn_rate
                    group: office
                    window: rolling:30d
                    comparator: ">"
                    threshold: 0.10
                    clear: 0.12
                """;
        assertThatThrownBy(() -> AlertRules.read(new StringReader(rules), "alerts.yaml"))
                .hasMessage("alerts.yaml at rules[0]: clear 0.12 must be at or below threshold 0.1 for comparator > (the alert resolves past it, on the other side)");
        assertThatThrownBy(() -> AlertRules.read(new StringReader(rules.replace("churn_rate", "churn")), "alerts.yaml"))
                .hasMessageStartingWith("alerts.yaml at rules[0]: metric 'churn' is not one of [churn_rate,");
    }

    private static PipelineDriver customersAtShanghai() {
        PipelineDriver pipeline = new PipelineDriver();
        for (int c = 0; c < 20; c++) {
            pipeline.order("c" + c, "2024-02-01T09:00:00Z", "SH");
        }
        return pipeline;
    }

    /** {@code answered} complaints opened and resolved on {@code day} at SH, {@code satisfied} of them satisfied; then evaluated. */
    private void day(PipelineDriver pipeline, String day, int answered, int satisfied) {
        for (int i = 0; i < answered; i++) {
            String id = "k" + complaints++;
            String customer = "c" + (i % 20);
            pipeline.complaint(customer, id, ComplaintEventType.OPENED, day + "T09:00:00Z", null)
                    .complaint(customer, id, ComplaintEventType.RESOLVED, day + "T10:00:00Z", i < satisfied);
        }
        // One interval for the lifecycle to send the day's deltas and watermark, one for the counters to evaluate them.
        pipeline.sendDeltas().sendDeltas();
    }
}
