package io.warpdrive.launcher.testcli;

import java.io.IOException;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.function.ToIntFunction;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Stand-in for the shell bundle in LauncherIT: the other side of the CLI protocol. LauncherIT
 * packs this class into a bundle and drops it into the home's deploy/ folder.
 */
public class FakeCli implements BundleActivator, ToIntFunction<String[]> {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("warpdrive.cli", Boolean.TRUE);
        props.put("service.ranking", 1000); // wins over a real shell bundle, if one is embedded
        context.registerService(ToIntFunction.class.getName(), this, props);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }

    @Override
    public int applyAsInt(String[] line) {
        String[] args = Arrays.copyOfRange(line, 1, line.length);
        switch (line[0]) {
            case "summary":
                System.out.println("fake summary: 0 drivers");
                return 0;
            case "help":
                System.out.println("fake help: echo cat exit throw" + (args.length > 0 ? " [" + args[0] + "]" : ""));
                return 0;
            case "echo":
                System.out.println(String.join(" ", args));
                return 0;
            case "cat":
                try {
                    System.in.transferTo(System.out);
                } catch (IOException e) {
                    return 1;
                }
                System.out.flush();
                return 0;
            case "exit":
                return Integer.parseInt(args[0]);
            case "throw":
                throw new IllegalStateException("boom");
            default:
                System.err.println("fake: unknown command " + line[0]);
                return 64;
        }
    }
}
