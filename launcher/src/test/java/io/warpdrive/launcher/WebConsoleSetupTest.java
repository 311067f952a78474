package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConsoleSetupTest {

    @TempDir
    Path conf;

    private void cfg(String text) throws Exception {
        Files.writeString(conf.resolve(WebConsoleSetup.CFG), text);
    }

    @Test
    void offByDefault() throws Exception {
        assertNull(WebConsoleSetup.resolve(Options.parse(), conf, true));
        assertNull(WebConsoleSetup.resolve(Options.parse("stats"), conf, false));
    }

    @Test
    void theOptionTurnsItOnWithTheDefaults() throws Exception {
        WebConsoleSetup web = WebConsoleSetup.resolve(Options.parse("--web"), conf, false);
        assertNotNull(web);
        assertEquals(8080, web.port());
        assertEquals("127.0.0.1", web.host());
        assertEquals("http://127.0.0.1:8080/warpdrive/", web.url());
        assertEquals(9000, WebConsoleSetup.resolve(Options.parse("--web=9000"), conf, true).port());
    }

    @Test
    void theCfgTurnsItOnForTheInteractivePlatformOnly() throws Exception {
        cfg("port=9090\nhost=0.0.0.0\npath=/console/\npassword=x\n");
        WebConsoleSetup web = WebConsoleSetup.resolve(Options.parse(), conf, true);
        assertNotNull(web);
        assertEquals(9090, web.port());
        assertEquals("http://localhost:9090/console/", web.url());
        assertNull(WebConsoleSetup.resolve(Options.parse("stats"), conf, false), "a one-shot command leaves the port alone");
        assertEquals(7070, WebConsoleSetup.resolve(Options.parse("--web=7070"), conf, true).port(), "the option wins");
    }

    @Test
    void enabledFalseKeepsItOffUnlessAsked() throws Exception {
        cfg("enabled=false\n");
        assertNull(WebConsoleSetup.resolve(Options.parse(), conf, true));
        assertNotNull(WebConsoleSetup.resolve(Options.parse("--web"), conf, true));
    }

    @Test
    void badValuesAreUsageErrors() throws Exception {
        cfg("port=eighty\n");
        LauncherException e = assertThrows(LauncherException.class, () -> WebConsoleSetup.resolve(Options.parse(), conf, true));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        cfg("enabled=yes\n");
        assertThrows(LauncherException.class, () -> WebConsoleSetup.resolve(Options.parse(), conf, true));
    }

    @Test
    void setsTheHttpServicesFrameworkProperties() throws Exception {
        cfg("host=::1\n");
        WebConsoleSetup web = WebConsoleSetup.resolve(Options.parse("--web=8181"), conf, false);
        Map<String, String> props = new HashMap<>();
        web.apply(props);
        assertEquals("8181", props.get(WebConsoleSetup.PROP_PORT));
        assertEquals("::1", props.get(WebConsoleSetup.PROP_HOST));
        assertEquals("http://[::1]:8181/warpdrive/", web.url());
    }
}
