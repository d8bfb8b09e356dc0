package dev.unideploy.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A positive duration as CI configs write it: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 1h}, or ISO-8601. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Duration duration = parse(value.trim().toLowerCase(Locale.ROOT));
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("'" + value + "' is not a positive duration");
        }
        return duration;
    }

    private static Duration parse(String value) {
        Matcher matcher = SHORT.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException notIso) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 90s, 10m or 1h");
        }
    }
}
