package dev.unideploy.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the jar's implementation version where the manifest has one. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = UnideployCommand.class.getPackage().getImplementationVersion();
        return new String[] {"unideploy " + (version != null ? version : "(development build)")};
    }
}
