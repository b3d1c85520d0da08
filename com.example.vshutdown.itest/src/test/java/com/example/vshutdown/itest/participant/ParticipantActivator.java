package com.example.vshutdown.itest.participant;

import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

import com.example.vshutdown.api.ShutdownParticipant;

/**
 * The activator of a participant bundle that a test builds from these classes: it registers one
 * {@link ShutdownParticipant} whose behaviour and ranking its bundle's headers give, so that every
 * participant of a test is a bundle of its own, as a platform bundle on the master would be.
 */
public final class ParticipantActivator implements BundleActivator {
    /** ready, postpone (until the test runs its release service), throw, or silent (never resolves). */
    public static final String BEHAVIOUR = "X-Participant-Behaviour";
    public static final String RANKING = "X-Participant-Ranking";

    @Override
    public void start(BundleContext context) {
        String behaviour = context.getBundle().getHeaders().get(BEHAVIOUR);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, Integer.valueOf(context.getBundle().getHeaders().get(RANKING)));
        context.registerService(ShutdownParticipant.class, new TestParticipant(context, behaviour), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the participant and its marks
    }
}
