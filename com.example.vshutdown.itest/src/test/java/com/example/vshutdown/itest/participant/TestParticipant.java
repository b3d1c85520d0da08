package com.example.vshutdown.itest.participant;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;

import com.example.vshutdown.api.ShutdownParticipant;

/**
 * A participant that tells the test what happened to it by registering marker services (plain
 * {@link Runnable}s, which every bundle sees) with {@value #EVENT} = {@code prepared} or
 * {@code cancelled}; one that postpones also registers its {@code release}, which resolves its
 * promise when the test runs it.
 */
public final class TestParticipant implements ShutdownParticipant {
    public static final String EVENT = "participant.event";
    public static final String DETAIL = "participant.detail";

    private final BundleContext context;
    private final String behaviour;
    private final PromiseFactory promises = new PromiseFactory(null);

    TestParticipant(BundleContext context, String behaviour) {
        this.context = context;
        this.behaviour = behaviour;
    }

    @Override
    public Promise<?> prepare(Preparation preparation) {
        mark("prepared", preparation.masterAction().name(), () -> { });
        switch (behaviour) {
            case "ready":
                return null;
            case "throw":
                throw new IllegalStateException("bus busy");
            case "silent":
                return promises.deferred().getPromise();
            case "postpone":
                Deferred<Void> saved = promises.deferred();
                mark("release", "", () -> saved.resolve(null));
                return saved.getPromise();
            default:
                throw new IllegalArgumentException("no such behaviour: " + behaviour);
        }
    }

    @Override
    public void cancelled(Preparation preparation, String reason) {
        mark("cancelled", reason, () -> { });
    }

    private void mark(String event, String detail, Runnable action) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EVENT, event);
        properties.put(DETAIL, detail);
        context.registerService(Runnable.class, action, properties);
    }
}
