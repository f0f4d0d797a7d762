package io.crmpulse.app;

import io.crmpulse.ingest.IngestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./pulse}: the one launcher (CONTRACT.md, Commands). */
@Command(name = "pulse", mixinStandardHelpOptions = true, version = "CRM Pulse 0.1.0",
        description = "Streaming customer analytics: lifecycle, churn and office scorecards on Kafka Streams.",
        subcommands = {DemoCommand.class, ServeCommand.class, IngestCommand.class, KeysCommand.class})
public final class PulseMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // picocli answers invalid input with exit code 2 (usage), as CONTRACT.md asks.
        int code = new CommandLine(new PulseMain())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        if (code != 0 || !RunUntilStopped.running()) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: demo, serve, ingest or keys");
    }
}
