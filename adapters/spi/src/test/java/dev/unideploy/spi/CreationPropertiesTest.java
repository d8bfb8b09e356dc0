package dev.unideploy.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Creation#madeBy} over any deployments made around the moment a write was sent: 1,000 seeded random cases
 * each (offsets within ±5 s, up to 20 deployments, a tenth of the lists empty or on the bounds); a failure names its
 * seed.
 */
class CreationPropertiesTest {

    private static final Instant SENT = Instant.parse("2026-11-27T10:00:05.500Z");
    private static final Comparator<Made> MADE_FIRST =
            Comparator.comparing(Made::stamp).thenComparingInt(Made::order);

    /**
     * A deployment made {@code offset} ms after the write was sent (negative: before), the {@code order}-th the
     * provider made, stamped with millisecond or whole-second precision.
     */
    private record Made(int offset, int order, boolean wholeSeconds) {
        Instant stamp() {
            Instant made = SENT.plusMillis(offset);
            return wholeSeconds ? made.truncatedTo(ChronoUnit.SECONDS) : made;
        }
    }

    private static List<Made> made(List<Integer> offsets, boolean wholeSeconds) {
        List<Integer> inOrder = offsets.stream().sorted().toList();
        return IntStream.range(0, inOrder.size())
                .mapToObj(i -> new Made(inOrder.get(i), i, wholeSeconds))
                .toList();
    }

    private static Optional<Made> found(List<Made> candidates) {
        return Creation.madeBy(SENT, candidates, Made::stamp, MADE_FIRST);
    }

    /** Seeds 0..999, each with its random offsets: sizes and values land on their bounds one time in ten. */
    static Stream<Object[]> offsets() {
        return IntStream.range(0, 1000).mapToObj(seed -> {
            Random random = new Random(seed);
            int size = random.nextInt(10) == 0 ? (random.nextBoolean() ? 0 : 20) : random.nextInt(21);
            List<Integer> offsets = IntStream.range(0, size)
                    .mapToObj(i -> random.nextInt(10) == 0
                            ? (random.nextBoolean() ? -5000 : 5000)
                            : random.nextInt(10_001) - 5000)
                    .toList();
            return new Object[] {seed, offsets};
        });
    }

    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("offsets")
    @DisplayName("millisecond stamps: the first made since sending, whatever was made before; else the last within the"
            + " clock tolerance before; else none")
    void millisecondStamps(int seed, List<Integer> offsets) {
        // a stamp that falls on a whole second by chance makes a millisecond provider look like a seconds one
        if (!offsets.isEmpty() && offsets.stream().allMatch(offset -> (500 + offset) % 1000 == 0)) {
            return;
        }
        List<Made> candidates = made(offsets, false);

        Optional<Made> expected = candidates.stream()
                .filter(made -> made.offset() >= 0)
                .min(MADE_FIRST)
                .or(() -> candidates.stream()
                        .filter(made -> made.offset() >= -Creation.CLOCK_TOLERANCE.toMillis())
                        .max(MADE_FIRST));

        assertThat(found(candidates)).as("seed " + seed).isEqualTo(expected);
    }

    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("offsets")
    @DisplayName("whole-second stamps: the first made in or after the second of sending, by the provider's order")
    void wholeSecondStamps(int seed, List<Integer> offsets) {
        if (offsets.isEmpty()) {
            return; // nothing made: covered by the millisecond case
        }
        List<Made> candidates = made(offsets, true);
        Instant secondSent = SENT.truncatedTo(ChronoUnit.SECONDS);

        Optional<Made> expected = candidates.stream()
                .filter(made -> !made.stamp().isBefore(secondSent))
                .min(MADE_FIRST)
                .or(() -> candidates.stream()
                        .filter(made -> !made.stamp().isBefore(SENT.minus(Creation.CLOCK_TOLERANCE)))
                        .max(MADE_FIRST));

        assertThat(found(candidates)).as("seed " + seed).isEqualTo(expected);
        candidates.stream()
                .filter(made -> made.offset() >= 0)
                .min(MADE_FIRST)
                .ifPresent(ours -> assertThat(found(candidates)).isPresent());
    }
}
