package dev.unideploy.gateway.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Seeded random inputs for property tests run as {@code @ParameterizedTest @MethodSource}: every case is generated
 * from {@code new Random(seed)} with a fixed seed, so a run is repeatable and a failing case names its seed and its
 * input (the display name, with characters outside printable ASCII escaped as {@code \\uXXXX}). Lengths, sizes and
 * numbers favour their bounds, as edge cases are where bugs are; tests add the edge cases of their own with
 * {@link #edges}.
 */
public final class Seeded {

    private Seeded() {}

    /** One generated input and where it came from ({@code seed 17} or {@code edge case}). */
    public record Case<T>(String origin, T input) {
        @Override
        public String toString() {
            return origin + ": " + show(input);
        }
    }

    /** {@code count} inputs, from seeds {@code 0 .. count - 1}. */
    public static <T> Stream<Case<T>> cases(int count, Function<Random, T> generator) {
        return LongStream.range(0, count)
                .mapToObj(seed -> new Case<>("seed " + seed, generator.apply(new Random(seed))));
    }

    /** Inputs chosen by hand: the bounds and the spellings a property must hold for. */
    @SafeVarargs
    public static <T> Stream<Case<T>> edges(T... inputs) {
        return Arrays.stream(inputs).map(input -> new Case<>("edge case", input));
    }

    /** An int in {@code [min, max]}; one time in ten a bound. */
    public static int between(Random random, int min, int max) {
        int roll = random.nextInt(20);
        if (roll == 0) {
            return min;
        }
        if (roll == 1) {
            return max;
        }
        return min + random.nextInt(max - min + 1);
    }

    /** One of {@code values}, uniformly. */
    @SafeVarargs
    public static <T> T oneOf(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A string of {@code min} to {@code max} characters of {@code alphabet}. */
    public static String string(Random random, String alphabet, int min, int max) {
        int length = between(random, min, max);
        StringBuilder out = new StringBuilder(length);
        // one string in ten is a single character repeated (an edge case of its own)
        char only = random.nextInt(10) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 0;
        for (int i = 0; i < length; i++) {
            out.append(only != 0 ? only : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A list of {@code min} to {@code max} elements. */
    public static <T> List<T> list(Random random, int min, int max, Function<Random, T> element) {
        int size = between(random, min, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.apply(random));
        }
        return list;
    }

    /** {@code value} for a display name: printable ASCII as it is, anything else as {@code \\uXXXX}. */
    public static String show(Object value) {
        String text = value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value);
        if (value instanceof String) {
            text = "\"" + text + "\"";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }
}
