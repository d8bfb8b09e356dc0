package dev.unideploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** .github/actions/deploy: every input reaches the deploy step, which runs `unideploy deploy --wait`. */
class GithubActionTest {

    private static final Path ACTION =
            Path.of(System.getProperty("user.dir"), "../.github/actions/deploy").normalize();

    @Test
    @DisplayName("a composite action whose every deploy input is passed to deploy.sh as INPUT_*, and used there")
    @SuppressWarnings("unchecked")
    void inputsReachTheScript() throws Exception {
        Map<String, Object> action = new Yaml().load(Files.readString(ACTION.resolve("action.yml")));
        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) runs.get("steps");
        Map<String, Object> deploy = steps.stream()
                .filter(step -> "deploy".equals(step.get("id")))
                .findFirst()
                .orElseThrow();
        Map<String, String> env = (Map<String, String>) deploy.get("env");
        String script = Files.readString(ACTION.resolve("deploy.sh"));

        assertThat(runs.get("using")).isEqualTo("composite");
        assertThat((String) deploy.get("run")).endsWith("/deploy.sh");
        assertThat(script).contains("unideploy \"${args[@]}\"").contains("(deploy \"$INPUT_APP\" --wait --json");
        Map<String, Object> inputs = (Map<String, Object>) action.get("inputs");
        for (String input : inputs.keySet()) {
            if (List.of("url", "token", "distribution").contains(input)) {
                continue;
            }
            String variable = "INPUT_" + input.toUpperCase(Locale.ROOT).replace('-', '_');
            assertThat(env).as(input).containsKey(variable);
            assertThat(env.get(variable)).contains("inputs." + input);
            assertThat(script).as(input).contains(variable).doesNotContain("inputs." + input);
        }
        assertThat(env)
                .containsEntry("UNIDEPLOY_URL", "${{ inputs.url }}")
                .containsEntry("UNIDEPLOY_TOKEN", "${{ inputs.token }}");
        assertThat(Files.isExecutable(ACTION.resolve("deploy.sh"))).isTrue();
    }
}
