package io.obkc.common.cli;

import io.obkc.common.BundleVersion;
import picocli.CommandLine;

/** The {@code -V} text, the same for every OBKC command-line tool (BundleVersion.versionText()). */
public final class CliVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {BundleVersion.versionText()};
    }
}
