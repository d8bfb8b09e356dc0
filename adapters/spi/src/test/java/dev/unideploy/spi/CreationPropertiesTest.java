package dev.unideploy.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link Creation#madeBy} over any deployments made around the moment a write was sent. */
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

    @Property
    @Label("millisecond stamps: the first made since sending, whatever was made before; else the last within the"
            + " clock tolerance before; else none")
    void millisecondStamps(@ForAll @Size(max = 20) List<@IntRange(min = -5000, max = 5000) Integer> offsets) {
        // a stamp that falls on a whole second by chance makes a millisecond provider look like a seconds one
        Assume.that(offsets.stream().anyMatch(offset -> (500 + offset) % 1000 != 0) || offsets.isEmpty());
        List<Made> candidates = made(offsets, false);

        Optional<Made> expected = candidates.stream()
                .filter(made -> made.offset() >= 0)
                .min(MADE_FIRST)
                .or(() -> candidates.stream()
                        .filter(made -> made.offset() >= -Creation.CLOCK_TOLERANCE.toMillis())
                        .max(MADE_FIRST));

        assertThat(found(candidates)).isEqualTo(expected);
    }

    @Property
    @Label("whole-second stamps: the first made in or after the second of sending, by the provider's order")
    void wholeSecondStamps(@ForAll @Size(min = 1, max = 20) List<@IntRange(min = -5000, max = 5000) Integer> offsets) {
        List<Made> candidates = made(offsets, true);
        Instant secondSent = SENT.truncatedTo(ChronoUnit.SECONDS);

        Optional<Made> expected = candidates.stream()
                .filter(made -> !made.stamp().isBefore(secondSent))
                .min(MADE_FIRST)
                .or(() -> candidates.stream()
                        .filter(made -> !made.stamp().isBefore(SENT.minus(Creation.CLOCK_TOLERANCE)))
                        .max(MADE_FIRST));

        assertThat(found(candidates)).isEqualTo(expected);
        candidates.stream()
                .filter(made -> made.offset() >= 0)
                .min(MADE_FIRST)
                .ifPresent(ours -> assertThat(found(candidates)).isPresent());
    }
}
