package dev.unideploy.spi.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provider answers kept as JSON files under {@code src/test/resources} (as jclouds' mock tests keep theirs), with
 * {@code ${name}} placeholders for what a test varies.
 */
public final class JsonFixtures {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private JsonFixtures() {}

    /**
     * The class-path resource {@code path} with every placeholder replaced by {@code values}; a placeholder without a
     * value fails, so a fixture never goes out half filled.
     */
    public static String read(Class<?> owner, String path, Map<String, ?> values) {
        String text;
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("no fixture " + path + " on the test class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new AssertionError("cannot read fixture " + path, unreadable);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            Object value = values.get(matcher.group(1));
            if (value == null) {
                throw new AssertionError("fixture " + path + " needs a value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
