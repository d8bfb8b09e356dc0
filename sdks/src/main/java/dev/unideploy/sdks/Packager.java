package dev.unideploy.sdks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the installable SDK packages into {@code sdks/target/dist/} (run by Maven at {@code package}): the Java jar
 * with its sources and javadoc jars (copied from sdks/java), the npm tarball (compiled with tsc, with type
 * declarations and the Markdown docs), the Python wheel and sdist, and the Go module as a {@code GOPROXY=file://}
 * folder. A language whose toolchain is missing is skipped with a {@code WARNING … SKIPPED} line, so a JDK alone
 * builds the Java package.
 *
 * <p>Arguments: the sdks module folder, the Java SDK's target folder, the SDK version.
 */
public final class Packager {

    private static final Duration STEP = Duration.ofMinutes(5);
    /** Build tools for the Python package, pinned; installed into target/venv-build. */
    private static final List<String> PYTHON_BUILD = List.of("build==1.6.1", "setuptools==84.2.1");

    private final Path module;
    private final Path generated;
    private final Path dist;
    private final String version;

    private Packager(Path module, String version) {
        this.module = module;
        this.generated = module.resolve("target/generated");
        this.dist = module.resolve("target/dist");
        this.version = version;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Packager packager = new Packager(Path.of(args[0]).toAbsolutePath(), args[2]);
        packager.java(Path.of(args[1]));
        packager.typescript();
        packager.python();
        packager.go();
        try (Stream<Path> files = Files.walk(packager.dist)) {
            files.filter(Files::isRegularFile)
                    .forEach(file -> System.out.println("[dist] " + packager.module.relativize(file)));
        }
    }

    private void java(Path javaTarget) throws IOException {
        Path out = Files.createDirectories(dist.resolve("java"));
        Files.copy(module.resolve("java/README.md"), out.resolve("README.md"), StandardCopyOption.REPLACE_EXISTING);
        String jar = "unideploy-client-" + version;
        try (Stream<Path> jars = Files.list(javaTarget)) {
            for (Path built : jars.filter(p -> p.getFileName().toString().matches("unideploy-client-.*\\.jar"))
                    .toList()) {
                String name = built.getFileName().toString().replaceFirst("unideploy-client-[^-]+(-SNAPSHOT)?", jar);
                Files.copy(built, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void typescript() throws IOException, InterruptedException {
        if (!Toolchains.node()) {
            skipped("TypeScript", "node >= 18 and npm");
            return;
        }
        Path source = generated.resolve("typescript");
        Path out = Files.createDirectories(dist.resolve("typescript"));
        // npm install fetches typescript and the two dependencies; its prepare script compiles src/ into dist/
        run("typescript", source, "npm", "install", "--no-audit", "--no-fund");
        run("typescript", source, "npm", "pack", "--pack-destination", out.toString());
    }

    private void python() throws IOException, InterruptedException {
        if (!Toolchains.python()) {
            skipped("Python", "python3 with venv");
            return;
        }
        Path venv = module.resolve("target/venv-build");
        if (!Files.isExecutable(venv.resolve("bin/python"))) {
            run("python", module, "python3", "-m", "venv", venv.toString());
        }
        String python = venv.resolve("bin/python").toString();
        run(
                "python",
                module,
                Stream.concat(
                                Stream.of(python, "-m", "pip", "install", "-q", "--disable-pip-version-check"),
                                PYTHON_BUILD.stream())
                        .toArray(String[]::new));
        Path out = Files.createDirectories(dist.resolve("python"));
        run(
                "python",
                generated.resolve("python"),
                python,
                "-m",
                "build",
                "--no-isolation",
                "--sdist",
                "--wheel",
                "--outdir",
                out.toString(),
                ".");
    }

    private void go() throws IOException, InterruptedException {
        if (!Toolchains.go()) {
            skipped("Go", "go 1.23+");
            return;
        }
        Path source = generated.resolve("go");
        run("go", source, "go", "vet", "./...");
        GoModuleZip.write(source, dist.resolve("go"), "v" + version);
    }

    private static void skipped(String language, String tools) {
        System.out.println("WARNING " + language + " SDK package SKIPPED: " + tools + " not installed");
    }

    private static void run(String label, Path directory, String... argv) throws InterruptedException {
        Command command =
                new Command(label, directory, List.of(argv), Map.of("npm_config_update_notifier", "false"), STEP);
        if (command.run() != 0) {
            throw new IllegalStateException(command + " failed");
        }
    }
}
