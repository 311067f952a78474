package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import javax.inject.Inject;
import org.apache.felix.inventory.Format;
import org.apache.felix.inventory.InventoryPrinter;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The platform's plain-text status dump through the Felix Inventory (what the Web Console's
 * status page and its zip download show): with the inventory deployed, the shell bundle's printer
 * is there under the name {@code warpdrive} and prints the drivers, devices, queues, policies,
 * models and usage of the running platform.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InventoryPrinterIT {

    @Inject
    private BundleContext context;

    @Inject
    private Platform platform;

    @Inject
    private Compressor compressor;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform(mavenBundle("org.apache.felix", "org.apache.felix.inventory",
                WarpDriveOptions.required("warpdrive.itest.inventory.version")));
    }

    @Test
    public void theWarpDrivePrinterDumpsThePlatformAsText() throws Exception {
        InFramework.awaitGzipBothWays(platform);
        compressor.compress(Algorithm.GZIP, new byte[64 * 1024]);
        Collection<ServiceReference<InventoryPrinter>> refs = context.getServiceReferences(InventoryPrinter.class,
                "(" + InventoryPrinter.NAME + "=warpdrive)");
        assertEquals("one WarpDrive inventory printer", 1, refs.size());
        ServiceReference<InventoryPrinter> ref = refs.iterator().next();
        assertEquals("WarpDrive", ref.getProperty(InventoryPrinter.TITLE));
        InventoryPrinter printer = context.getService(ref);
        try {
            StringWriter text = new StringWriter();
            printer.print(new PrintWriter(text), Format.TEXT, false);
            String dump = text.toString();
            for (String section : new String[] {"== Drivers", "== Devices", "== Queues", "== Scheduling policies",
                    "== Models", "== Usage per consumer", "== Usage per driver"}) {
                assertTrue(section + " in:\n" + dump, dump.contains(section));
            }
            assertTrue("the soft driver and its device in:\n" + dump, dump.contains("soft") && dump.contains("soft-0"));
            assertTrue("the default policy in:\n" + dump, dump.contains("priority"));

            StringWriter json = new StringWriter();
            printer.print(new PrintWriter(json), Format.JSON, false);
            assertEquals("text only", "", json.toString());
        } finally {
            context.ungetService(ref);
        }
    }
}
