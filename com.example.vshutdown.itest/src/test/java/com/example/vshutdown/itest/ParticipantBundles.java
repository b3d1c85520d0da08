package com.example.vshutdown.itest;

import static org.ops4j.pax.exam.CoreOptions.streamBundle;

import java.util.Collection;
import java.util.Optional;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import com.example.vshutdown.itest.participant.ParticipantActivator;
import com.example.vshutdown.itest.participant.TestParticipant;

/**
 * Participant bundles for the tests: built by the test driver from the classes of
 * {@code com.example.vshutdown.itest.participant} (TinyBundles, bnd computing the imports) and
 * installed as real bundles of their own, each registering one participant.
 */
final class ParticipantBundles {
    private ParticipantBundles() {
    }

    /**
     * @param behaviour ready, postpone (until the test runs its release), throw, or silent
     */
    static Option bundle(String symbolicName, String behaviour, int ranking) {
        return streamBundle(TinyBundles.bundle()
                .addClass(ParticipantActivator.class)
                .addClass(TestParticipant.class)
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, symbolicName)
                .setHeader(Constants.BUNDLE_ACTIVATOR, ParticipantActivator.class.getName())
                .setHeader(ParticipantActivator.BEHAVIOUR, behaviour)
                .setHeader(ParticipantActivator.RANKING, Integer.toString(ranking))
                .build(TinyBundles.bndBuilder()));
    }

    /** The mark a participant bundle registered for an event (prepared, release, cancelled), if it did. */
    static Optional<ServiceReference<Runnable>> mark(BundleContext context, String symbolicName, String event) {
        Collection<ServiceReference<Runnable>> marks;
        try {
            marks = context.getServiceReferences(Runnable.class, "(" + TestParticipant.EVENT + "=" + event + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        return marks.stream().filter(m -> symbolicName.equals(m.getBundle().getSymbolicName())).findFirst();
    }

    static String detail(ServiceReference<Runnable> mark) {
        return (String) mark.getProperty(TestParticipant.DETAIL);
    }
}
