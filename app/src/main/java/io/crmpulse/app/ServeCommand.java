package io.crmpulse.app;

import io.crmpulse.api.ApiKey;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    @Option(names = "--api-key", paramLabel = "KEY:ROLE[:OFFICE,...]", split = ";", defaultValue = "${env:PULSE_API_KEYS}",
            description = "API keys, ';'-separated: KEY:viewer or KEY:admin, optionally scoped to offices (or $PULSE_API_KEYS).")
    private List<String> apiKeys;

    @Override
    public Integer call() throws Exception {
        options.lifecycle();
        List<ApiKey> keys = parseKeys();
        String portProblem = Ports.problem(options.port, "--port (or PULSE_PORT)");
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
        RunUntilStopped.await(runtime, () -> { }, () -> { });
        return 0;
    }

    private List<ApiKey> parseKeys() {
        if (apiKeys == null || apiKeys.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--api-key: at least one key is needed (or $PULSE_API_KEYS)");
        }
        List<ApiKey> keys = new ArrayList<>();
        for (String spec : apiKeys) {
            String[] parts = spec.strip().split(":", 3);
            if (parts.length < 2 || parts[0].isBlank()) {
                throw new CommandLine.ParameterException(this.spec.commandLine(), "--api-key: '" + spec + "' is not KEY:ROLE[:OFFICE,...]");
            }
            ApiKey.Role role;
            try {
                role = ApiKey.Role.valueOf(parts[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(this.spec.commandLine(), "--api-key: role '" + parts[1] + "' is not viewer or admin");
            }
            Set<String> offices = parts.length == 3 ? Set.copyOf(Arrays.asList(parts[2].split(","))) : Set.of();
            keys.add(ApiKey.fromPlain(parts[0], role, offices));
        }
        return keys;
    }
}
