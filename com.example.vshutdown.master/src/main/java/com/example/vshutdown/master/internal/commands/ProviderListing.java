package com.example.vshutdown.master.internal.commands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The {@code providers} listing: every provider service of each SPI, best-ranked first, and the
 * one the master uses. The master's references are greedy and pick what the framework ranks first
 * (ranking, then the older service) among the services their targets match; the listing applies
 * the same order and the same targets, so what it marks is what the master has bound.
 */
final class ProviderListing {
    private ProviderListing() {
    }

    static List<String> rows(BundleContext context) throws InvalidSyntaxException {
        // DS publishes the master's reference targets (from its annotations or its configuration,
        // e.g. -Dvshutdown.provider) as properties of its service: what it may bind is what they match
        ServiceReference<ShutdownService> master = context.getServiceReference(ShutdownService.class);
        List<String> rows = new ArrayList<>();
        rows.add("vproperty providers:");
        rows.addAll(section(context, VPropertyProvider.class, target(context, master, "provider.target"),
                VPropertyProvider::description));
        rows.add("native shutdowns:");
        rows.addAll(section(context, NativeShutdown.class, target(context, master, "nativeShutdown.target"),
                NativeShutdown::description));
        return rows;
    }

    private static Filter target(BundleContext context, ServiceReference<?> master, String property)
            throws InvalidSyntaxException {
        Object target = master == null ? null : master.getProperty(property);
        return target instanceof String ? context.createFilter((String) target) : null;
    }

    private static <S> List<String> section(BundleContext context, Class<S> type, Filter target,
            Function<S, String> description) throws InvalidSyntaxException {
        List<ServiceReference<S>> refs = new ArrayList<>(context.getServiceReferences(type, null));
        if (refs.isEmpty()) {
            return List.of("  none: vshutdown cannot run until a provider bundle registers one");
        }
        // ServiceReference orders by ranking then age; the greatest is what a greedy reference binds
        refs.sort(Collections.reverseOrder());
        ServiceReference<S> inUse = refs.stream().filter(r -> target == null ? isLocal(r) : target.match(r))
                .findFirst().orElse(null);
        List<String> rows = new ArrayList<>();
        for (ServiceReference<S> ref : refs) {
            rows.add(String.format("%s %6s  %s  [%s]%s", ref.equals(inUse) ? "*" : " ", ranking(ref),
                    describe(context, ref, description), bundle(ref), domainNote(ref)));
        }
        return rows;
    }

    /** A native shutdown registered for a named domain serves that domain's agent, never the master. */
    private static boolean isLocal(ServiceReference<?> ref) {
        return ref.getProperty(NativeShutdown.DOMAIN_PROPERTY) == null;
    }

    private static String domainNote(ServiceReference<?> ref) {
        Object domain = ref.getProperty(NativeShutdown.DOMAIN_PROPERTY);
        return domain == null ? "" : " for domain " + domain + "'s agent";
    }

    private static Object ranking(ServiceReference<?> ref) {
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        return ranking instanceof Integer ? ranking : (ranking == null ? 0 : "!" + ranking);
    }

    private static <S> String describe(BundleContext context, ServiceReference<S> ref, Function<S, String> description) {
        S service = context.getService(ref);
        if (service == null) {
            return "(gone)";
        }
        try {
            return description.apply(service);
        } catch (RuntimeException e) {
            return "(description failed: " + e.getMessage() + ")";
        } finally {
            context.ungetService(ref);
        }
    }

    private static String bundle(ServiceReference<?> ref) {
        Bundle bundle = ref.getBundle();
        if (bundle == null) {
            return "unregistered";
        }
        return bundle.getSymbolicName() + " " + bundle.getVersion() + ", bundle " + bundle.getBundleId();
    }

    static final String LEGEND =
            "*: in use by the master; a ranking that is not an Integer is shown with '!' and counts as 0";
}
