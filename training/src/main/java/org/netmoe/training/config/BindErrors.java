package org.netmoe.training.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The one-line messages of {@link ConfigLoader}'s binding failures, each naming the field's path. */
final class BindErrors {
    private BindErrors() {
    }

    /** The message of binding {@code type} at {@code path} failing with {@code e}; enums by id as {@code enumIds} spells them. */
    static String describe(JsonProcessingException e, Class<?> type, String path,
                           Map<Class<?>, List<String>> enumIds) {
        String where = e instanceof JsonMappingException m ? join(path, fieldPath(m)) : path;
        if (e instanceof UnrecognizedPropertyException u) {
            TreeSet<String> allowed = u.getKnownPropertyIds().stream().map(String::valueOf)
                    .collect(Collectors.toCollection(TreeSet::new));
            return where + ": unknown field; allowed fields here: " + allowed;
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            Class<?> built = v.getType() != null ? v.getType().getRawClass() : type;
            return prefix(where, v.getCause().getMessage(), built);
        }
        if (e instanceof InvalidFormatException f && enumIds.containsKey(f.getTargetType())) {
            return where + " must be one of " + enumIds.get(f.getTargetType()) + ", was " + f.getValue();
        }
        if (e instanceof InvalidFormatException f) {
            return where + ": expected " + describeType(f.getTargetType()) + ", was '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return where + ": expected " + describeType(m.getTargetType()) + " (" + m.getOriginalMessage()
                    .replaceAll(" at \\[Source.*", "").replaceAll("\\(through reference chain.*", "").trim() + ")";
        }
        return where + ": " + e.getOriginalMessage();
    }

    private static String describeType(Class<?> t) {
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "an integer";
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return "a number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (t == String.class) {
            return "a string";
        }
        return "a " + t.getSimpleName();
    }

    /**
     * Joins a section path and a record's own message. When the message starts with one of the
     * record's field names ("distance must be > 0"), the field joins the path
     * ("env.params.distance must be > 0"); otherwise the message follows the path after a colon.
     */
    static String prefix(String path, String message, Class<?> type) {
        if (message == null) {
            return path + ": invalid value";
        }
        String first = message.split("[ .\\[]", 2)[0];
        if (type != null && type.isRecord()
                && Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getName().equals(first))) {
            return join(path, "") + (path.isEmpty() ? "" : ".") + message;
        }
        return path.isEmpty() ? message : path + ": " + message;
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + "." + b;
    }

}
