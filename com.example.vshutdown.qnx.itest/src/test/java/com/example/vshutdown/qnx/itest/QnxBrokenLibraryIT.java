package com.example.vshutdown.qnx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * A library that is missing, lacks a function or fails to start, and a malformed configuration:
 * the provider stays down, offers only a fault naming the library and the call, and the master
 * passes that on instead of saying that no platform is there.
 */
@RunWith(PaxExam.class)
public class QnxBrokenLibraryIT extends QnxTestSupport {
    @Before
    public void cleanStub() {
        StubControl.of(library()).ifPresent(StubControl::reset);
    }

    @Test
    public void aMissingLibraryKeepsTheProviderDownUntilAGoodOneIsConfigured() throws Exception {
        String missing = variant("missing");
        configure(Map.of("library", missing));

        String message = awaitFault().message();
        assertTrue(message, message.startsWith("the qnx provider cannot start: cannot load the ddi library '"
                + missing + "'"));
        assertDown();
        // SCR binds the fault to the master on its own service listener: wait for it, bounded
        ShutdownException[] last = new ShutdownException[1];
        awaitCondition("the master reports the fault", () -> {
            try {
                shutdownService.domains();
                throw new AssertionError("the master listed domains without a provider");
            } catch (ShutdownException e) {
                last[0] = e;
                return e.status() == ExitStatus.BAD_INPUT;
            }
        });
        assertTrue(last[0].getMessage(), last[0].getMessage().contains("the platform is misconfigured: " + message));

        configure(Map.of());
        awaitProvider();
        assertNull("the fault outlived its cause", qnxReference(ConfigurationFault.class));
    }

    @Test
    public void aLibraryLackingARequiredFunctionIsNamedWithTheFunction() throws Exception {
        String noWait = variant("nowait");
        configure(Map.of("library", noWait));

        String message = awaitFault().message();
        assertTrue(message, message.contains("the ddi library '" + noWait + "'"));
        assertTrue(message, message.endsWith("lacks the function vsd_wait that vshutdown_ddi.h requires"));
        assertDown();
    }

    /**
     * Loaded after a good library, whose glue has registered the native methods: the provider
     * must not go on calling that one through them.
     */
    @Test
    public void aLibraryWithoutTheJniGlueIsRefusedEvenAfterAGoodOne() throws Exception {
        configure(Map.of());
        awaitProvider();
        String noGlue = variant("noglue");

        configure(Map.of("library", noGlue));

        assertEquals("the qnx provider cannot start: the ddi library '" + noGlue + "' does not contain the JNI glue "
                + "of this provider: compile include/vshutdown_ddi_jni.c of this bundle into it", awaitFault().message());
        assertDown();
    }

    @Test
    public void aFileThatIsNotALibraryIsReportedWithTheLinkersReason() throws Exception {
        String header = System.getProperty("vshutdown.qnx.itest.header");
        configure(Map.of("library", header));

        String message = awaitFault().message();
        // the linker's own words about the configured file ("invalid ELF header", "file too short", ...)
        assertTrue(message, message.startsWith("the qnx provider cannot start: cannot load the ddi library '" + header
                + "': " + header + ": "));
        assertFalse("the message names the provider's private copy: " + message, message.contains("vsd-copy-"));
        assertDown();
    }

    @Test
    public void aFailingOpenKeepsTheProviderDownWithTheLibrarysReason() throws Exception {
        StubControl stub = stub();
        stub.fail("vsd_open", StubControl.VSD_E_IO, "no ddi channel to the hypervisor", 1);
        configure(Map.of());

        String message = awaitFault().message();
        assertTrue(message, message.startsWith(
                "the qnx provider cannot start: vsd_open() failed: VSD_E_IO (-7): no ddi channel to the hypervisor"));
        assertTrue(message, message.contains(library()));
        assertDown();
        assertEquals(0, stub.openCount());
    }

    @Test
    public void aLibraryThatCannotListItsPropertiesAtStartIsClosedAgain() throws Exception {
        StubControl stub = stub();
        stub.fail("vsd_names", StubControl.VSD_E_ACCES, "permission denied on /dev/nk", 1);
        configure(Map.of());

        String message = awaitFault().message();
        assertTrue(message, message.contains("vsd_names() failed: VSD_E_ACCES (-6): permission denied on /dev/nk"));
        assertDown();
        assertEquals("the library was left open", 0, stub.openCount());
    }

    @Test
    public void aMalformedSettingIsNamed() throws Exception {
        configure(Map.of("enabled", "yes"));

        String message = awaitFault().message();
        assertEquals("enabled (configuration com.example.vshutdown.qnx): 'yes' is not auto (on QNX only), true or false",
                message);
        assertDown();
    }

    private void assertDown() throws Exception {
        assertNull("a vproperty provider is offered", qnxReference(VPropertyProvider.class));
        assertNull("a native shutdown is offered", qnxReference(NativeShutdown.class));
    }
}
