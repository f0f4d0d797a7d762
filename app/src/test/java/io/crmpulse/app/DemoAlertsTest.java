package io.crmpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.ComplaintEvent;
import io.crmpulse.events.ContactEvent;
import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.OrderEvent;
import io.crmpulse.records.AlertEvent;
import io.crmpulse.records.AlertRule;
import io.crmpulse.streams.PipelineDriver;
import io.crmpulse.streams.alerts.AlertRules;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo's alert rules do what the README promises: while the demo replays its last 30 days, at least one alert is
 * raised and later resolved. The demo's data follow the day it starts, so this is checked for two start days, with the
 * rules sampled four times a simulated day, as the demo's one evaluation a second over a two-minute replay does.
 */
class DemoAlertsTest {

    private static final Duration SAMPLE = Duration.ofHours(6);

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03T21:00:00Z", "2027-06-17T08:00:00Z"})
    void shouldRaiseAndResolveAnAlertWhileTheLastThirtyDaysReplay(String start) throws Exception {
        Instant end = Instant.parse(start);
        Instant liveFrom = end.minus(DemoCommand.LIVE_WINDOW);
        List<DemoData.Event> events = new DemoData(DemoCommand.DEFAULT_SEED, end, 24, DemoCommand.DEFAULT_CUSTOMERS).generate();
        try (PipelineDriver pipeline = new PipelineDriver();
             Reader rules = new InputStreamReader(DemoCommand.class.getResourceAsStream(DemoCommand.DEMO_ALERT_RULES), StandardCharsets.UTF_8)) {
            for (AlertRule rule : AlertRules.read(rules, DemoCommand.DEMO_ALERT_RULES)) {
                pipeline.rule(rule.getRuleId(), rule);
            }
            int i = 0;
            for (; i < events.size() && events.get(i).at().isBefore(liveFrom); i++) {
                send(pipeline, events.get(i));
            }
            pipeline.sendDeltas().sendDeltas();
            pipeline.alertEvents();

            Instant sample = liveFrom.plus(SAMPLE);
            for (; i < events.size(); i++) {
                for (; !events.get(i).at().isBefore(sample); sample = sample.plus(SAMPLE)) {
                    pipeline.sendDeltas().sendDeltas();
                }
                send(pipeline, events.get(i));
            }
            pipeline.sendDeltas().sendDeltas();

            Set<String> raised = new HashSet<>();
            List<String> raisedAndResolved = new ArrayList<>();
            for (AlertEvent alert : pipeline.alertEvents()) {
                String key = alert.getRuleId() + " " + alert.getGroup() + " " + alert.getCustomerId();
                if (alert.getState().equals("RAISED")) {
                    raised.add(key);
                } else if (raised.remove(key)) {
                    raisedAndResolved.add(key + " resolved " + alert.getAsOf());
                }
            }
            assertThat(raisedAndResolved).as("alerts raised and resolved while the last 30 days replay from " + liveFrom).isNotEmpty();
        }
    }

    private static void send(PipelineDriver pipeline, DemoData.Event e) {
        if (e.value() instanceof OrderEvent order) {
            pipeline.send(order);
        } else if (e.value() instanceof CustomerEvent customer) {
            pipeline.send(customer);
        } else if (e.value() instanceof ComplaintEvent complaint) {
            pipeline.send(complaint);
        } else if (e.value() instanceof ContactEvent contact) {
            pipeline.send(contact);
        } else {
            throw new IllegalArgumentException("no input topic for " + e.value().getClass().getSimpleName());
        }
    }
}
