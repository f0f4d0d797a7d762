package io.crmpulse.schemas;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Holds the current schemas to every released version: each must be able to read what any released
 * version wrote (backward compatibility, the rule consumers of a topic need when producers upgrade
 * later), and no released schema may disappear. Run by the build as part of the schemas module's tests
 * and from the command line as {@code CompatibilityCheck CURRENT_DIR HISTORY_DIR...}.
 */
public final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    /** Problems found, one sentence each naming the schema and the version; empty when compatible. */
    public static List<String> problems(SchemaVersion current, List<SchemaVersion> released) {
        List<String> problems = new ArrayList<>();
        for (SchemaVersion old : released) {
            for (Map.Entry<String, Schema> e : old.byFullName().entrySet()) {
                Schema reader = current.byFullName().get(e.getKey());
                if (reader == null) {
                    problems.add(e.getKey() + " was released in " + old.label() + " but is no longer defined");
                    continue;
                }
                SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, e.getValue());
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    problems.add(e.getKey() + " cannot read data written with its " + old.label() + " version: "
                            + result.getResult().getIncompatibilities().stream()
                                    .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                                    .toList());
                }
            }
        }
        return problems;
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: CompatibilityCheck CURRENT_DIR HISTORY_VERSION_DIR...");
            System.exit(2);
        }
        SchemaVersion current = SchemaVersion.fromDirectory("current", Path.of(args[0]));
        List<SchemaVersion> released = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path dir = Path.of(args[i]);
            released.add(SchemaVersion.fromDirectory(dir.getFileName().toString(), dir));
        }
        List<String> problems = problems(current, released);
        problems.forEach(System.err::println);
        System.exit(problems.isEmpty() ? 0 : 1);
    }
}
