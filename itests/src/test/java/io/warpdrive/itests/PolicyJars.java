package io.warpdrive.itests;

import java.io.IOException;
import java.nio.file.Path;

/** The optional policy bundles (not in the product) the build passes in {@code warpdrive.itest.policy.jars}. */
final class PolicyJars {
    private PolicyJars() {
    }

    /** The jar of the policy bundle {@code bsn}. */
    static Path path(String bsn) {
        for (String path : System.getProperty("warpdrive.itest.policy.jars", "").split(",")) {
            if (Path.of(path).getFileName().toString().startsWith(bsn + "-")) {
                return Path.of(path);
            }
        }
        throw new AssertionError("no jar for " + bsn + " in warpdrive.itest.policy.jars");
    }

    static byte[] read(String bsn) throws IOException {
        return DeployFolder.read(path(bsn));
    }
}
