package dev.lilcom.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code lilcom --version}: the version Maven wrote into the jar's manifest. */
final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = LilcomCommand.class.getPackage().getImplementationVersion();
        return new String[] {"lilcom-java " + (version != null ? version : "(not packaged: run from classes)"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
