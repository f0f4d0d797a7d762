package io.crmpulse.app;

import io.crmpulse.api.ApiKey;
import io.crmpulse.api.KeysFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pulse serve}: the same application against an external Kafka cluster. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the streams and the API against an external Kafka cluster.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    RuntimeOptions options;

    @Option(names = "--bootstrap", required = true, defaultValue = "${env:PULSE_BOOTSTRAP}", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (or $PULSE_BOOTSTRAP).")
    private String bootstrap;

    @Option(names = "--replication", defaultValue = "${env:PULSE_REPLICATION:-3}",
            description = "Replication factor of the topics this instance creates (default ${DEFAULT-VALUE}).")
    private short replication;

    @Option(names = "--keys-file", paramLabel = "FILE", defaultValue = "${env:PULSE_KEYS_FILE}",
            description = "API keys, stored hashed, one a line as 'pulse keys new' prints them (or $PULSE_KEYS_FILE).")
    private Path keysFile;

    @Override
    public Integer call() throws Exception {
        options.lifecycle();
        List<ApiKey> keys = keys();
        String portProblem = options.portProblem();
        if (portProblem != null) {
            spec.commandLine().getErr().println("error: " + portProblem);
            return 2;
        }
        Path dataDir = Files.createDirectories(options.dataDir != null ? options.dataDir : Path.of("data"));
        PulseConfig config = options.config(dataDir, bootstrap, 0, 0, replication, keys);
        PulseRuntime runtime = PulseRuntime.start(config);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("CRM Pulse is serving on http://%s:%d against Kafka at %s%n", config.advertisedHost(), config.httpPort(), bootstrap);
        out.flush();
        return RunUntilStopped.await(runtime, () -> { }, () -> { });
    }

    private List<ApiKey> keys() {
        if (keysFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--keys-file: a file of API keys is needed (or $PULSE_KEYS_FILE); 'pulse keys new --role admin' prints a line for it");
        }
        try {
            return KeysFile.load(keysFile);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--keys-file: " + e.getMessage(), e);
        }
    }
}
