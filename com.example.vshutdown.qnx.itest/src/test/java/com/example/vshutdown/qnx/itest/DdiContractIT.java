package com.example.vshutdown.qnx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

import com.example.vshutdown.spi.VPropertyProvider;

/**
 * What vshutdown_ddi.h asks of any implementation, checked through the provider's real binding
 * and nothing else: no stub controls. It runs against the stub in the build, and against an
 * integrator's port with {@code -Dvshutdown.qnx.itest.library=/abs/path/libport.so
 * -Dit.test=DdiContractIT,QnxFrameworkPropertyIT}; it writes one scratch property only, named by
 * {@code -Dvshutdown.qnx.itest.scratch}.
 */
@RunWith(PaxExam.class)
public class DdiContractIT extends QnxTestSupport {
    private static String scratch() {
        return System.getProperty("vshutdown.qnx.itest.scratch", "vshutdown.contract.scratch");
    }

    @Test
    public void theLibraryLoadsOpensAndListsItsProperties() throws Exception {
        configure(Map.of());
        VPropertyProvider provider = awaitProvider();
        assertTrue(provider.description(), provider.description().contains(library()));
        String absent = scratch() + ".absent." + System.nanoTime();

        provider.write(scratch(), "1");
        Set<String> names = provider.names();

        assertTrue("a written property is not listed: " + names, names.contains(scratch()));
        assertFalse("a property that does not exist is listed", names.contains(absent));
        assertEquals("the listing changed while nothing was written", names, provider.names());
    }

    @Test
    public void itReadsBackWhatItWritesWhateverTheLength() throws Exception {
        configure(Map.of());
        VPropertyProvider provider = awaitProvider();

        provider.write(scratch(), "1");
        assertEquals(Optional.of("1"), provider.read(scratch()));
        assertTrue("a written property is not listed", provider.names().contains(scratch()));
        // longer than the binding's first buffer: VSD_E_RANGE with the length, then a retry
        String longValue = "blocked 2 " + "an update is being installed; ".repeat(100);
        provider.write(scratch(), longValue);
        assertEquals(Optional.of(longValue), provider.read(scratch()));
        String utf8 = "blocked 2 \u66f4\u65b0\u4e2d";
        provider.write(scratch(), utf8);
        assertEquals(Optional.of(utf8), provider.read(scratch()));
        // an empty value exists: it is not a missing property
        provider.write(scratch(), "");
        assertEquals(Optional.of(""), provider.read(scratch()));
        assertEquals(Optional.empty(), provider.read(scratch() + ".absent." + System.nanoTime()));
    }

    @Test
    public void aWriteIsAChangeThatWakesTheWaitingThread() throws Exception {
        configure(Map.of());
        VPropertyProvider provider = awaitProvider();
        BlockingQueue<Optional<String>> heard = new LinkedBlockingQueue<>();
        try (VPropertyProvider.Subscription subscription = provider.subscribe(heard::add)) {
            for (String value : new String[] {"3", "5"}) {
                provider.write(scratch(), value);
                Optional<String> change = heard.poll(BOUND_MILLIS, TimeUnit.MILLISECONDS);
                assertNotNull("no notification within " + BOUND_MILLIS + " ms of writing " + scratch(), change);
                // the name, or "" when the layer cannot tell or several changes came together
                assertTrue(change.toString(), change.isEmpty() || change.get().equals(scratch()));
                heard.clear();
            }
        }
    }

    /**
     * vsd_wait must return within its time-out, or stopping the provider cannot close the library
     * (vsd_close under a running call is not safe): the provider then leaves it open and says so.
     * Stopping the bundle returns once the provider has done one or the other.
     */
    @Test
    public void stoppingTheProviderEndsItsWaitAndClosesTheLibrary() throws Exception {
        configure(Map.of());
        VPropertyProvider provider = awaitProvider();

        qnxBundle().stop();

        try {
            provider.read(scratch());
            fail("a stopped provider still reads");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("the provider has been stopped and its library closed"));
        }
    }

    @Test
    public void argumentsTheHeaderForbidsAreRefusedBeforeTheCall() throws Exception {
        configure(Map.of());
        VPropertyProvider provider = awaitProvider();
        try {
            provider.write(scratch(), "x".repeat(5000));
            fail("a value longer than VSD_VALUE_MAX was passed on");
        } catch (IOException e) {
            assertEquals("vsd_write(" + scratch() + ") not called: 5000 bytes, more than the 4095 vshutdown_ddi.h "
                    + "allows [ddi library '" + library() + "']", e.getMessage());
        }
    }
}
