package io.crmpulse.ingest;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of a run: on a terminal a progress bar (records, records/s, ETA) drawn by the progressbar
 * library; otherwise a plain line at most every five seconds, for logs. The record total is estimated
 * from the bytes read so far against the files' size.
 */
final class ProgressDisplay implements Consumer<IngestRun.Progress>, AutoCloseable {

    private static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final PrintWriter err;
    private final ProgressBar bar;
    private final long started = System.nanoTime();
    private long lastPlain = started;

    ProgressDisplay(PrintWriter err) {
        this.err = err;
        this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName("ingest").setUnit(" records", 1)
                .showSpeed().setInitialMax(-1).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void accept(IngestRun.Progress p) {
        if (bar != null) {
            if (p.bytesRead() > 0) {
                bar.maxHint(Math.max(p.records(), p.records() * p.bytesTotal() / p.bytesRead()));
            }
            bar.stepTo(p.records());
            return;
        }
        long now = System.nanoTime();
        if (now - lastPlain >= PLAIN_EVERY_NANOS) {
            double seconds = (now - started) / 1e9;
            double fraction = p.bytesTotal() == 0 ? 1 : (double) p.bytesRead() / p.bytesTotal();
            double eta = fraction > 0 ? seconds / fraction - seconds : Double.NaN;
            err.printf(Locale.ROOT, "read %,d records (%,.0f/s), %.0f%% of the input, about %.0f s to go%n",
                    p.records(), p.records() / seconds, 100 * fraction, eta);
            err.flush();
            lastPlain = now;
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
