package dev.unideploy.sdks;

/** Whether each SDK language's toolchain is installed (the packaging and the smoke tests skip visibly without it). */
final class Toolchains {

    private Toolchains() {}

    static boolean node() {
        return Command.succeeds("node", "-e", "process.exit(+process.versions.node.split('.')[0] >= 18 ? 0 : 1)")
                && Command.succeeds("npm", "--version");
    }

    static boolean python() {
        return Command.succeeds("python3", "-c", "import venv, ensurepip");
    }

    /** Go 1.23 or newer (range-over-func iterators); Debian's older golang-go counts as not installed. */
    static boolean go() {
        return Command.succeeds("go", "version") && Command.succeeds("go", "list", "-f", "ok", "iter");
    }
}
