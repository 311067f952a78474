package io.warpdrive.shell;

import io.warpdrive.admin.Platform;
import io.warpdrive.lib.Driver;
import io.warpdrive.stats.UsageStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.felix.inventory.Format;
import org.apache.felix.inventory.InventoryPrinter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The platform's state as plain text for a support ticket, through the Felix Inventory (the Web
 * Console's status page, its zip download): the tables of {@code wd:drivers}, {@code wd:devices},
 * {@code wd:queues}, {@code wd:sched}, {@code wd:models} and {@code wd:stats}, one section each.
 *
 * <p>The inventory API is an optional import of this bundle. The component is delayed, so its
 * class is loaded only when the inventory asks for the service, which it can only do where the
 * API is present.
 */
@Component(service = InventoryPrinter.class, property = {
        InventoryPrinter.NAME + "=warpdrive",
        InventoryPrinter.TITLE + "=WarpDrive",
        InventoryPrinter.FORMAT + "=TEXT" })
public final class StatusInventoryPrinter implements InventoryPrinter {

    @Reference
    Platform platform;

    @Reference
    UsageStats stats;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<Driver> drivers;

    @Override
    public void print(PrintWriter writer, Format format, boolean isZip) {
        if (format != Format.TEXT) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            StatusReport status = new StatusReport(platform, drivers);
            UsageReport usage = new UsageReport(stats);
            section(out, "Drivers");
            status.drivers(out);
            section(out, "Devices");
            status.devices(out, stats);
            section(out, "Queues");
            status.queues(out);
            section(out, "Scheduling policies");
            status.schedulers(out);
            section(out, "Models");
            new ModelReport(platform).print(out);
            section(out, "Usage per consumer");
            usage.consumers(out, UsageReport.order("requests"));
            section(out, "Usage per driver");
            usage.drivers(out);
        }
        writer.print(bytes.toString(StandardCharsets.UTF_8));
        writer.flush();
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println("== " + title);
    }
}
