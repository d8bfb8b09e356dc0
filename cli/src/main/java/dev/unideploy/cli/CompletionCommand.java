package dev.unideploy.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/** {@code unideploy completion}: picocli's bash completion script (zsh loads it through bashcompinit). */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print the shell completion script for bash and zsh.",
            "bash:  source <(unideploy completion)      (or save it in /etc/bash_completion.d/unideploy)",
            "zsh:   autoload -U +X bashcompinit && bashcompinit && source <(unideploy completion)"
        })
final class CompletionCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("unideploy", parent.spec.commandLine());
        if (parent.jsonMode()) {
            parent.spec
                    .commandLine()
                    .getOut()
                    .println(JsonMapper.builder().build().writeValueAsString(new Script("bash", script)));
        } else {
            parent.spec.commandLine().getOut().print(script);
        }
        parent.spec.commandLine().getOut().flush();
        return ExitCode.SUCCEEDED;
    }

    /** The {@code --json} document. */
    record Script(String shell, String script) {}
}
