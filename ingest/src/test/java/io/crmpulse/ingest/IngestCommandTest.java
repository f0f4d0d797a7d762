package io.crmpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's answers when it cannot start work: a clear message and the exit codes of CONTRACT.md. */
class IngestCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new IngestCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    private Path mapping() throws IOException {
        return Files.writeString(dir.resolve("m.yaml"), """
                version: 1
                source: shop
                stream: order
                event_id: { column: id }
                event_type: { value: PLACED }
                occurred_at: { column: at }
                fields:
                  customer_id: { column: customer }
                """);
    }

    @Test
    void shouldExplainAnUnreachableBrokerAndExitWith3() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path csv = Files.writeString(dir.resolve("o.csv"), "id,customer,at\ne1,c1,2024-05-01T10:00:00Z\n");

        int exit = run("--mapping", mapping().toString(), "--bootstrap", "127.0.0.1:" + closedPort, "--delivery-timeout", "PT2S", csv.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("cannot reach Kafka at 127.0.0.1:" + closedPort);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldReportAFailedDeliveryOnceNotForever() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        io.crmpulse.events.OrderEvent order = new io.crmpulse.events.OrderEvent(
                new io.crmpulse.events.Envelope("e1", "c1", java.time.Instant.parse("2024-05-01T00:00:00Z"), "test", null, null, null),
                io.crmpulse.events.OrderEventType.PLACED, "o1", null, null, null);
        try (KafkaEventSink sink = new KafkaEventSink("127.0.0.1:" + closedPort, io.crmpulse.schemas.serde.SerdeFactory.named(null, java.util.Map.of()),
                java.time.Duration.ofSeconds(1), java.util.Map.of())) {
            java.util.concurrent.CompletableFuture<Void> sent = sink.publish(io.crmpulse.schemas.Topics.ORDER_EVENTS, "c1", order, 0);

            org.assertj.core.api.Assertions.assertThatThrownBy(sink::flush).isInstanceOf(EventSink.PublishException.class)
                    .hasMessageContaining("1 record(s) could not be delivered to Kafka at 127.0.0.1:" + closedPort);
            assertThat(sent).isCompletedExceptionally();
            // The long-lived sink of the HTTP endpoint must work again once the broker is back: the outage is reported once.
            org.assertj.core.api.Assertions.assertThatCode(sink::flush).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldAnswerUsageErrorsWith2() throws IOException {
        Path csv = Files.writeString(dir.resolve("o.csv"), "id,customer,at\n");

        assertThat(run("--mapping", dir.resolve("none.yaml").toString(), csv.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.yaml: mapping file not found");
        assertThat(run("--mapping", mapping().toString(), dir.resolve("missing.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.csv: no such readable file");
        assertThat(run("--mapping", mapping().toString(), "--resume", "--checkpoint", dir.resolve("c").toString(), csv.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--resume: no checkpoint at");
        assertThat(run("--mapping", mapping().toString())).isEqualTo(2);
    }
}
