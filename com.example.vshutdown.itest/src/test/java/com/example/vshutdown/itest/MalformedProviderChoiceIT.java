package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.List;
import java.util.Objects;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.spi.ConfigurationFault;

/** A malformed -Dvshutdown.provider is a configuration fault, never a silent fall-back to the ranking. */
@RunWith(PaxExam.class)
public class MalformedProviderChoiceIT extends VShutdownTestSupport {
    /** What would widen a filter built from it to match any provider. */
    private static final String MALFORMED = "linux)(x=*";

    @Override
    protected List<Option> extraOptions() {
        return List.of(frameworkProperty("vshutdown.provider").value(MALFORMED));
    }

    @Test
    public void aMalformedChoiceRegistersAFaultNamingItAndTargetsNoProvider() throws InvalidSyntaxException {
        String fault = await("the configuration fault of the choice", this::faultMessage, Objects::nonNull);

        assertEquals("vshutdown.provider: '" + MALFORMED + "' is not a provider name (letters, digits, '.', '_', '-')",
                fault);
        ServiceReference<ShutdownService> master = context.getServiceReference(ShutdownService.class);
        assertNull("the master's provider reference is left alone", master.getProperty("provider.target"));
    }

    private String faultMessage() {
        try {
            return context.getServiceReferences(ConfigurationFault.class, null).stream().findFirst()
                    .map(ref -> context.getService(ref).message()).orElse(null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
