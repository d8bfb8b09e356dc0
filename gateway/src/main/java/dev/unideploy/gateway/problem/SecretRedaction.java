package dev.unideploy.gateway.problem;

import dev.unideploy.gateway.config.UnideployProperties;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Masks configured provider credentials in text the gateway got from a provider (an error message may echo the
 * token it refused) before that text reaches a client. Secrets shorter than {@link #MIN_LENGTH} are not masked:
 * they cannot be told from ordinary words (the sandbox's {@code sandbox}).
 */
public final class SecretRedaction {

    static final int MIN_LENGTH = 8;
    static final String MASK = "[redacted]";

    private final List<String> secrets;

    public SecretRedaction(List<String> secrets) {
        this.secrets = secrets.stream()
                .filter(secret -> secret != null && secret.length() >= MIN_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public static SecretRedaction of(UnideployProperties properties) {
        return new SecretRedaction(properties.providers().values().stream()
                .flatMap(provider -> Stream.of(provider.token(), provider.password()))
                .toList());
    }

    public String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
