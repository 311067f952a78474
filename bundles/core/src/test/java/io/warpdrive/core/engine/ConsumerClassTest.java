package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Priority;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.core.engine.config.Settings;
import io.warpdrive.core.engine.session.CompressorImpl;
import io.warpdrive.lib.CalcType;
import io.warpdrive.sched.PriorityLevel;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.testing.kit.FakeDriver;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * The platform's one rule for a consumer's class (system or third party, from the bundle's
 * identity: symbolic name or trusted signer), and what a policy learns of a consumer: its
 * level and the hardware instances it holds.
 */
class ConsumerClassTest {
    /** A self-signed certificate with subject "CN=WarpDrive Build,O=Example" (made for this test). */
    private static final String SIGNER_PEM = "-----BEGIN CERTIFICATE-----\n"
            + "MIICNjCCAZ+gAwIBAgIUc0cW/hehG+FpXmEDn0AQDTSS6D0wDQYJKoZIhvcNAQEL\n"
            + "BQAwLDEQMA4GA1UECgwHRXhhbXBsZTEYMBYGA1UEAwwPV2FycERyaXZlIEJ1aWxk\n"
            + "MCAXDTI2MTEyMTIyNDQ1MloYDzIxMjYxMDI4MjI0NDUyWjAsMRAwDgYDVQQKDAdF\n"
            + "eGFtcGxlMRgwFgYDVQQDDA9XYXJwRHJpdmUgQnVpbGQwgZ8wDQYJKoZIhvcNAQEB\n"
            + "BQADgY0AMIGJAoGBALe7aAtTi0fuCKFTkfC4ZZYzkaKTohXnC8ICk81HmhNJOvSz\n"
            + "BzF9hCBT8ZalO1A8guLUdSKjRNqxLl35B3jAY/NaN/vus2I/txoOo4j2BDWukYZ9\n"
            + "epcCAwrPQ9nQ+h+T5MorHVwyD5EW8h3aOZLbxRCuRzHxhF69sjGof1INb9udAgMB\n"
            + "AAGjUzBRMB0GA1UdDgQWBBTeCDhYmxivTWK7PdmDeGZIwcPLszAfBgNVHSMEGDAW\n"
            + "gBTeCDhYmxivTWK7PdmDeGZIwcPLszAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3\n"
            + "DQEBCwUAA4GBAK3VrqCm2WLOn71DJ0SSd1qtYd72UriibRvDCdo467+oOwSI7NmZ\n"
            + "Gaivr9Ke8dXpLr1ClJ4LrdVHiLa2Iajw6n/5xfwKQR5LqRRc0piEgzBUsgH+qHVq\n"
            + "off3UfVt+37UK7EyCx0Gg+epZXg4kifK+va+PYNBdaPHh27SirSJ3Hh+\n"
            + "-----END CERTIFICATE-----\n";
    private static final byte[] DATA = "a consumer's class comes from its bundle".getBytes(StandardCharsets.US_ASCII);

    private static final String DEPLOYED = "file:/opt/warpdrive/deploy/";

    @Test
    void theProductsEmbeddedBundlesAreSystemConsumersByTheirLocation() {
        Settings defaults = Settings.defaults();
        assertTrue(defaults.isSystem(bundle("io.warpdrive.shell", "warpdrive:bundles/io.warpdrive.shell-0.1.0.jar",
                Map.of())));
        assertTrue(defaults.isSystem(bundle("com.example.renamed", "warpdrive:bundles/web/console.jar", Map.of())),
                "the location decides, whatever the name");
        assertFalse(defaults.isSystem(bundle("com.example.app", DEPLOYED + "app.jar", Map.of())));
    }

    /** Any bundle can take any symbolic name: with the default configuration a name proves nothing. */
    @Test
    void aLookAlikeNameInstalledFromElsewhereIsThirdParty() {
        Bundle evil = bundle("io.warpdrive.evil", DEPLOYED + "io.warpdrive.evil-1.0.jar", Map.of());
        assertFalse(Settings.defaults().isSystem(evil));
        Bundle installedByABundle = bundle("io.warpdrive.shell", "test:io.warpdrive.shell", Map.of());
        assertFalse(Settings.defaults().isSystem(installedByABundle), "the product's own name, not its location");
    }

    @Test
    void anAdministratorListsDeployedLocations() {
        Settings s = new Settings.Builder()
                .systemLocations(Settings.EMBEDDED_LOCATIONS + "," + DEPLOYED + "io.warpdrive.sched.coordinator-*.jar")
                .build();
        assertTrue(s.isSystem(bundle("io.warpdrive.sched.coordinator",
                DEPLOYED + "io.warpdrive.sched.coordinator-0.1.0.jar", Map.of())), "a .cfg list: comma-separated");
        assertFalse(s.isSystem(bundle("io.warpdrive.sched.coordinator", DEPLOYED + "other.jar", Map.of())));
        assertTrue(s.isSystem(bundle("io.warpdrive.shell", "warpdrive:bundles/io.warpdrive.shell-0.1.0.jar", Map.of())));
    }

    @Test
    void symbolicNamePatternsListedByAnAdministratorMakeSystemConsumers() {
        Settings s = new Settings.Builder().systemBundles("io.warpdrive.*,com.example.video").build();
        assertTrue(s.isSystem(bundle("io.warpdrive.shell", Map.of())));
        assertTrue(s.isSystem(bundle("com.example.video", Map.of())), "a .cfg list: comma-separated");
        assertFalse(s.isSystem(bundle("com.example.video.player", Map.of())), "a pattern matches the whole name");
        assertFalse(s.isSystem(bundle("com.example.picture", Map.of())));
    }

    @Test
    void aBundleSignedByATrustedSystemSignerIsASystemConsumer() throws Exception {
        X509Certificate signer = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(SIGNER_PEM.getBytes(StandardCharsets.US_ASCII)));
        Map<X509Certificate, List<X509Certificate>> trusted = Map.of(signer, List.of(signer));
        Settings none = new Settings.Builder().build();
        Settings signers = new Settings.Builder().systemSigners("CN=Other;CN=WarpDrive*,O=Example").build();
        assertFalse(none.isSystem(bundle("com.example.signed", trusted)), "no signer configured: names only");
        assertTrue(signers.isSystem(bundle("com.example.signed", trusted)));
        assertFalse(signers.isSystem(bundle("com.example.unsigned", Map.of())));
    }

    @Test
    void aPolicySeesTheConsumersLevelAndTheHardwareInstancesItHolds() throws Exception {
        try (TestPlatform p = new TestPlatform(new Settings.Builder().queuesDefault(1).systemBundles("io.warpdrive.*")
                .build())) {
            FakeDriver hw = new FakeDriver("hw", CalcType.HW, 100);
            p.add(hw);
            p.add(new FakeDriver("soft", CalcType.SOFT, 0));
            AtomicInteger seenHeld = new AtomicInteger(-1);
            PriorityLevel[] seenLevel = new PriorityLevel[1];
            p.addScheduler(new Scheduler() {
                @Override
                public String name() {
                    return "recording";
                }

                @Override
                public QueueInfo pick(SchedKey key, QueueView view) {
                    seenHeld.set(key.hardwareInFlight());
                    seenLevel[0] = key.priority();
                    return null;
                }
            }, 10);
            CompressorImpl video = CompressorImpl.of(p.engine, "io.warpdrive.video", "1", 7);
            Session s = video.openSession(SessionSpec.of(Algorithm.GZIP).withPriority(Priority.HIGH));
            hw.hold = true;
            for (int i = 0; i < 3; i++) {
                s.submit(s.newRequest().operation(Operation.COMPRESS).source(ByteBuffer.wrap(DATA))
                        .destination(ByteBuffer.allocate(256)), x -> { });
            }
            TestPlatform.await("three jobs held on hardware", () -> hw.held.size() == 3);
            assertEquals(3, video.consumer.hardwareInFlight());
            hw.hold = false;
            s.compress(DATA.clone()); // the fourth request's pick sees the three held
            assertEquals(3, seenHeld.get());
            assertEquals(PriorityLevel.SYSTEM_HIGH, seenLevel[0]);
            hw.releaseHeld();
            TestPlatform.await("held jobs completed", () -> video.consumer.hardwareInFlight() == 0);
            CompressorImpl picture = CompressorImpl.of(p.engine, "com.example.picture", "1", 8);
            picture.openSession(SessionSpec.of(Algorithm.GZIP)).compress(DATA.clone());
            assertEquals(PriorityLevel.THIRD_PARTY_LOW, seenLevel[0]);
            assertEquals(0, seenHeld.get(), "counted per consumer");
        }
    }

    /** A bundle deployed under its own name, with the signers the framework trusts. */
    private static Bundle bundle(String symbolicName, Map<X509Certificate, List<X509Certificate>> trusted) {
        return bundle(symbolicName, DEPLOYED + symbolicName + ".jar", trusted);
    }

    /** A bundle with a symbolic name, the location it was installed from and the signers the framework trusts. */
    private static Bundle bundle(String symbolicName, String location,
            Map<X509Certificate, List<X509Certificate>> trusted) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getSymbolicName":
                            return symbolicName;
                        case "getLocation":
                            return location;
                        case "getSignerCertificates":
                            return (Integer) args[0] == Bundle.SIGNERS_TRUSTED ? trusted : Map.of();
                        case "toString":
                            return symbolicName;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
