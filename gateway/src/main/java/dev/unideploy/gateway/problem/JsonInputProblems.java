package dev.unideploy.gateway.problem;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The field a JSON request body got wrong, from the reader's error: {@code replicas: must be an integer},
 * {@code source.branch: appears more than once}. The reader's own message is never shown (it names Java types).
 */
final class JsonInputProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*?)\"");

    private JsonInputProblems() {}

    /** The offending field, or null when the error is not about one. */
    static ApiException.@Nullable FieldError fieldError(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return fieldError(jackson);
            }
        }
        return null;
    }

    private static ApiException.@Nullable FieldError fieldError(JacksonException error) {
        String path = path(error.getPath());
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(error.getOriginalMessage()));
        if (duplicate.find()) {
            String name = duplicate.group(1);
            String field = path.isEmpty() || path.endsWith(name) ? (path.isEmpty() ? name : path) : path + "." + name;
            return new ApiException.FieldError(field, "appears more than once");
        }
        if (path.isEmpty()) {
            return null;
        }
        Class<?> target = error instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return new ApiException.FieldError(path, expected(target));
    }

    private static String expected(@Nullable Class<?> target) {
        if (target == null) {
            return "has an invalid value";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) {
            return "must be a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target.isEnum()) {
            return "is not one of the allowed values";
        }
        if (List.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        return "has the wrong type";
    }

    /** {@code splits[0].percent}: property names joined by dots, array indexes in brackets. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
