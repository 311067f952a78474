package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/** The platform as the product runs it boots: bundles, core services, the core API. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformBootIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Test
    public void everyPlatformBundleIsActive() {
        List<String> locations = InFramework.platformLocations(context);
        assertTrue("platform bundles: " + locations, locations.size() >= 13);
        for (String location : locations) {
            Bundle b = context.getBundle(location);
            assertNotNull("installed: " + location, b);
            assertEquals(b.getSymbolicName() + " " + b.getVersion(), "ACTIVE", InFramework.state(b));
        }
        List<String> names = locations.stream().map(l -> context.getBundle(l).getSymbolicName()).collect(Collectors.toList());
        for (String expected : new String[] {"org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.log",
                "org.apache.felix.fileinstall", "org.apache.felix.gogo.runtime", "com.sun.jna", "io.warpdrive.api", "io.warpdrive.core"}) {
            assertTrue(expected + " in " + names, names.contains(expected));
        }
        // SCR needs these APIs before it; the start order is the launcher's.
        assertTrue(names.indexOf("org.osgi.service.component") < names.indexOf("org.apache.felix.scr"));
        assertTrue(names.indexOf("org.apache.felix.configadmin") < names.indexOf("org.apache.felix.fileinstall"));
        assertTrue(names.indexOf("io.warpdrive.api") < names.indexOf("io.warpdrive.core"));
    }

    @Test
    public void scrConfigAdminAndLogServiceAreAvailable() throws InterruptedException {
        for (String service : new String[] {
                "org.osgi.service.component.runtime.ServiceComponentRuntime",
                "org.osgi.service.cm.ConfigurationAdmin",
                "org.osgi.service.log.LogService",
                "org.osgi.service.log.LoggerFactory",
                "org.osgi.service.log.LogReaderService"}) {
            assertNotNull(service, InFramework.awaitService(context, service));
        }
    }

    @Test
    public void apiExportsTheCompApiAtVersion1AndCoreImportsIt() {
        Bundle api = InFramework.bundle(context, "io.warpdrive.api");
        assertNotNull("io.warpdrive.api installed", api);
        BundleWiring wiring = api.adapt(BundleWiring.class);
        assertNotNull("io.warpdrive.api resolved", wiring);
        Version comp = null;
        for (BundleCapability c : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
            if ("io.warpdrive.comp".equals(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                comp = (Version) c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
            }
        }
        assertNotNull("io.warpdrive.comp exported", comp);
        // Consumers import [1,2): additions raise the minor version, only a break the major.
        assertEquals(1, comp.getMajor());

        // The engine exports nothing and takes the API from the API bundle.
        Bundle core = InFramework.bundle(context, "io.warpdrive.core");
        assertNotNull("io.warpdrive.core installed", core);
        BundleWiring coreWiring = core.adapt(BundleWiring.class);
        assertNotNull("io.warpdrive.core resolved", coreWiring);
        assertTrue("core exports no package",
                coreWiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE).isEmpty());
        boolean compFromApi = coreWiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .anyMatch(w -> "io.warpdrive.comp".equals(w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))
                        && w.getProvider().getBundle().equals(api));
        assertTrue("core imports io.warpdrive.comp from io.warpdrive.api", compFromApi);
    }

    @Test
    public void frameworkPropertiesComeFromTheSharedRunDescriptor() {
        String home = context.getProperty(WarpDriveOptions.HOME);
        assertNotNull(home);
        assertEquals(home + "/deploy," + home + "/conf", context.getProperty("felix.fileinstall.dir"));
        assertEquals(home + "/data/config", context.getProperty("felix.cm.dir"));
        assertEquals("the shell bundle writes back, by rename", "false", context.getProperty("felix.fileinstall.enableConfigSave"));
    }
}
