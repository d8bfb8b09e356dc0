package dev.unideploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a pipeline needs: app discovery, one JSON document per command, CI log groups, completion, safe retries. */
class PipelineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @DisplayName("providers lists the five sandbox connections; apps lists app ids, --provider only that provider's")
    void discovery() {
        Cli.Run providers = Cli.run("providers");
        Cli.Run apps = Cli.run("apps");
        Cli.Run coolify = Cli.run("apps", "--provider", "coolify");

        assertThat(providers.exitCode()).as(providers.toString()).isZero();
        assertThat(providers.out()).contains("coolify", "dokploy", "zectre", "dooor", "mist");
        assertThat(apps.out()).contains("coolify:cool-web", "dokploy:dok-web", "mist:1");
        assertThat(coolify.out().lines().skip(1))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row).startsWith("coolify:"));
    }

    @Test
    @DisplayName("--json (or --output json) prints exactly one JSON document on stdout, on every command")
    void json() {
        String deployed = Cli.run("deploy", "coolify:cool-web", "--json").out();
        String id = JSON.readTree(deployed).path("id").asString();
        List<String[]> commands = List.of(
                new String[] {"providers", "--json"},
                new String[] {"apps", "--output", "json"},
                new String[] {"list", "--app", "coolify:cool-web", "--json"},
                new String[] {"status", id, "--json"},
                new String[] {"logs", id, "--json"},
                new String[] {"deploy", "mist:1", "--wait", "--json"},
                new String[] {"rollback", id, "--json"},
                new String[] {"cancel", id, "--json"},
                new String[] {"completion", "--json"});

        for (String[] command : commands) {
            Cli.Run run = Cli.run(command);
            JsonNode document = JSON.readTree(run.out());
            assertThat(document.isObject())
                    .as(String.join(" ", command) + ": " + run)
                    .isTrue();
        }
        assertThat(id).startsWith("coolify:");
        Cli.Run waited = Cli.run("deploy", "mist:1", "--wait", "--json");
        assertThat(JSON.readTree(waited.out()).path("status").asString()).isEqualTo("succeeded");
        assertThat(waited.err()).contains("==> ").contains("finished: succeeded");
        Cli.Run error = Cli.run("status", "coolify:doesnotexist", "--json");
        assertThat(JSON.readTree(error.out()).path("code").asString()).isEqualTo("not_found");
    }

    @Test
    @DisplayName("an unknown app exits 4 and suggests near app ids and `unideploy apps`")
    void unknownApp() {
        Cli.Run run = Cli.run("deploy", "coolify:cool-wbe");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.API_ERROR);
        assertThat(run.err()).contains("did you mean coolify:cool-web").contains("`unideploy apps`");
    }

    @Test
    @DisplayName("status lines carry the time and the elapsed time; on GitHub Actions the log is one collapsible group")
    void githubActionsGroups() {
        Cli.Run run = runWith(Map.of("GITHUB_ACTIONS", "true"), "deploy", "coolify:cool-web", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .containsPattern(
                        "==> deploy coolify:\\S+ of coolify:cool-web: \\w+  \\[\\d\\d:\\d\\d:\\d\\dZ \\+\\d+s]")
                .containsSubsequence("::group::log", "Building docker image", "::endgroup::", "finished: succeeded")
                .doesNotContain("\u001B[3"); // no colour off a terminal
    }

    @Test
    @DisplayName("on GitLab CI the log is a collapsed section")
    void gitlabSections() {
        Cli.Run run = runWith(Map.of("GITLAB_CI", "true"), "deploy", "coolify:cool-web", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .containsPattern("section_start:\\d+:unideploy_log_\\d+\\[collapsed=true]")
                .containsPattern("section_end:\\d+:unideploy_log_\\d+");
    }

    @Test
    @DisplayName("completion prints a bash script that completes subcommands and options in bash")
    void completion(@TempDir Path dir) throws Exception {
        Cli.Run run = Cli.raw("completion");
        assertThat(run.exitCode()).isZero();
        Path script = dir.resolve("unideploy-completion.bash");
        Files.writeString(script, run.out());

        assertThat(complete(script, "unideploy de")).contains("deploy");
        assertThat(complete(script, "unideploy deploy --wa")).contains("--wait");
        assertThat(complete(script, "unideploy ap")).contains("apps");
    }

    @Test
    @DisplayName("deploy sends an Idempotency-Key by default and retries a 504 with it: one deployment reported")
    void idempotentByDefault() throws Exception {
        try (StubGateway stub = new StubGateway(false)) {
            stub.triggerTimeouts.set(1);

            Cli.Run run = Cli.raw("--url", stub.url(), "--token", "t", "deploy", "stub:app");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(stub.triggerKeys).hasSize(2).doesNotContain("");
            assertThat(stub.triggerKeys.get(1)).isEqualTo(stub.triggerKeys.get(0));
            assertThat(run.out().lines().findFirst()).hasValue(StubGateway.ID);
        }
    }

    private static Cli.Run runWith(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--url", SandboxGateway.url(), "--token", Cli.TOKEN));
        all.addAll(List.of(args));
        int code = UnideployCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), environment)
                .execute(all.toArray(String[]::new));
        return new Cli.Run(code, out.toString(), err.toString());
    }

    /** What bash's programmable completion offers for {@code line} with the generated script loaded. */
    private static String complete(Path script, String line) throws IOException, InterruptedException {
        String words = line.endsWith(" ") ? line + "''" : line;
        // compopt works only inside a completion bash started itself; called here by hand, it is stubbed
        String program = "source " + script + "\ncompopt() { :; }\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                + "COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                // the function bash itself would call: the one `complete` registered for unideploy
                + "fn=$(complete -p unideploy | sed -E 's/.*-F ([^ ]+).*/\\1/')\n"
                + "$fn unideploy \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", program)
                .directory(new File(System.getProperty("java.io.tmpdir")))
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
