package io.crmpulse.app;

import io.crmpulse.api.ApiKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pulse keys}: makes the lines of a keys file. The file holds only salted hashes; the key itself is shown
 * once, here, and never read from the command line, where {@code ps} would show it.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Make API keys for the keys file of 'pulse serve'.",
        subcommands = {KeysCommand.New.class, KeysCommand.Hash.class})
final class KeysCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: new or hash");
    }

    /** Role and offices of a key, shared by both commands. */
    static final class Grant {
        @Option(names = "--role", required = true, description = "viewer or admin (admin may also post events and refit the model).")
        ApiKey.Role role;

        @Option(names = "--offices", split = ",", paramLabel = "OFFICE,...", description = "Offices the key sees (default: all, and the company-wide group).")
        Set<String> offices = Set.of();
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Print a new random key (once: keep it) and its line for the keys file.")
    static final class New implements Callable<Integer> {
        @Mixin
        Grant grant;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String key = ApiKey.generate();
            PrintWriter out = spec.commandLine().getOut();
            out.println("key:  " + key);
            out.println("line: " + ApiKey.fromPlain(key, grant.role, grant.offices).line());
            out.flush();
            return 0;
        }
    }

    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "Read a key you chose from standard input and print its line for the keys file.")
    static final class Hash implements Callable<Integer> {
        @Mixin
        Grant grant;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            String weakness = ApiKey.weakness(key);
            if (weakness != null) {
                throw new ParameterException(spec.commandLine(), "standard input: " + weakness);
            }
            spec.commandLine().getOut().println(ApiKey.fromPlain(key, grant.role, grant.offices).line());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
