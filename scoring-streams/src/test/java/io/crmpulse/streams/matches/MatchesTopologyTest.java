package io.crmpulse.streams.matches;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmpulse.events.CustomerEvent;
import io.crmpulse.events.CustomerEventType;
import io.crmpulse.events.Envelope;
import io.crmpulse.records.CustomerMatch;
import io.crmpulse.records.MatchedRecord;
import io.crmpulse.streams.PipelineDriver;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One person on file in two offices is found by the match key the records share, whatever the order or repeats. */
class MatchesTopologyTest {

    private static final Instant MAY_1 = Instant.parse("2024-05-01T00:00:00Z");

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver();
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private void register(String eventId, String customer, String office, String matchKey) {
        pipeline.send(new CustomerEvent(new Envelope(eventId, customer, MAY_1, "crm", office, null, matchKey), CustomerEventType.REGISTERED,
                null, null, null, null));
    }

    @Test
    void shouldJoinTheRecordsOfOnePersonAcrossOfficesByTheirMatchKey() {
        register("e1", "c1", "SH", "k-wang");
        register("e2", "b1", "BJ", "k-wang");
        register("e3", "c2", "SH", "k-li");
        register("e4", "c3", "SH", null);

        List<CustomerMatch> matches = pipeline.matches(10);

        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).getMatchKey()).isEqualTo("k-wang");
        assertThat(matches.get(0).getRecords()).containsExactly(new MatchedRecord("c1", "SH"), new MatchedRecord("b1", "BJ"));
    }

    @Test
    void shouldChangeNothingWhenARecordIsSeenAgain() {
        register("e1", "c1", "SH", "k-wang");
        register("e2", "b1", "BJ", "k-wang");
        register("e1", "c1", "SH", "k-wang");
        register("e5", "b1", "BJ", "k-wang");

        assertThat(pipeline.matches(10).get(0).getRecords()).hasSize(2);
    }

    @Test
    void shouldListOneCustomerMovedBetweenOfficesAndStopGrowingAtThePlaceholderLimit() {
        register("e1", "c1", "SH", "k-moved");
        register("e2", "c1", "BJ", "k-moved");
        for (int i = 0; i <= MatchesTopology.MAX_RECORDS; i++) {
            register("z" + i, "z" + i, "SH", "k-zeros");
        }

        List<CustomerMatch> matches = pipeline.matches(10);

        assertThat(matches).extracting(CustomerMatch::getMatchKey).containsExactly("k-moved", "k-zeros");
        assertThat(matches.get(1).getRecords()).hasSize(MatchesTopology.MAX_RECORDS);
        assertThat(matches.get(1).getTruncated()).isTrue();
        assertThat(matches.get(0).getTruncated()).isFalse();
    }
}
