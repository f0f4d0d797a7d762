package io.crmpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RuntimeOptionsTest {

    @Test
    void shouldTakeSegmentWindowsWithTheCompanyWindowForWhatASegmentDoesNotName() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--bootstrap", "localhost:9092", "--segment-churn-after", "A=P180D",
                "--segment-at-risk-after", "A=P120D", "--segment-churn-after", "C=P70D");
        var lifecycle = serve.options.lifecycle();

        assertThat(lifecycle.windowsFor("A").churnAfter()).isEqualTo(Duration.ofDays(180));
        assertThat(lifecycle.windowsFor("A").atRiskAfter()).isEqualTo(Duration.ofDays(120));
        assertThat(lifecycle.windowsFor("C").atRiskAfter()).isEqualTo(Duration.ofDays(60));
        assertThat(lifecycle.windowsFor("B").churnAfter()).isEqualTo(Duration.ofDays(90));
        assertThat(lifecycle.windowsFor(null).churnAfter()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void shouldRefuseASegmentWindowShorterThanItsAtRiskWindowAsAUsageError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new PulseMain()).setErr(new PrintWriter(err))
                .execute("serve", "--bootstrap", "localhost:9", "--segment-churn-after", "C=P30D");

        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("lifecycle.segments.C.churn-after (PT720H) must be longer than lifecycle.segments.C.at-risk-after (PT1440H)");
    }

    @Test
    void shouldBoundOrdersByTheirLifetimeOnlyUnderMaxLateness() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--bootstrap", "localhost:9092", "--max-lateness", "P7D");
        assertThat(serve.options.lifecycle().orderLifetime()).isEqualTo(Duration.ofDays(365));

        StringWriter err = new StringWriter();
        int code = new CommandLine(new PulseMain()).setErr(new PrintWriter(err))
                .execute("serve", "--bootstrap", "localhost:9", "--order-lifetime", "P30D");
        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("lifecycle.order-lifetime needs lifecycle.max-lateness");
    }
}
