package org.netmoe.checkpoints;

import java.nio.file.Path;
import java.util.Collection;
import java.util.regex.Pattern;

/** Rules for entry names, which map to files under a checkpoint's {@code entries/} directory. */
final class EntryNames {

    /** A path segment: no empty, hidden, "." or ".." segments; portable characters only. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private EntryNames() {
    }

    /** Why {@code name} is not a valid entry name, or null when it is. */
    static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "entry name must not be empty";
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return "entry name must be '/'-separated segments of letters, digits, '.', '_' or '-'"
                        + " not starting with '.', was '" + name + "'";
            }
        }
        return null;
    }

    static void require(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** An entry that is also a directory of another ("a" and "a/b") cannot be stored as files. */
    static String clash(Collection<String> names, String name) {
        for (String other : names) {
            if (other.startsWith(name + "/") || name.startsWith(other + "/")) {
                return "entry '" + name + "' clashes with entry '" + other
                        + "': a name cannot also be a directory of another";
            }
        }
        return null;
    }

    static Path file(Path entriesDir, String name) {
        Path file = entriesDir;
        for (String segment : name.split("/")) {
            file = file.resolve(segment);
        }
        return file;
    }
}
