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
 * the same order and the same targets, so what it marks is what the master has bound. It is read
 * once into {@link Entry entries}, which the text rows and the JSON document both render.
 */
final class ProviderListing {
    static final String LEGEND =
            "*: in use by the master; a ranking that is not an Integer is shown with '!' and counts as 0";

    /**
     * One provider service as the listing shows it.
     *
     * @param ranking its {@code service.ranking} when an Integer, else 0
     * @param rankingAsGiven the ranking as registered when it is not an Integer (then it counts as 0), else null
     * @param provider its {@link VPropertyProvider#PROVIDER_PROPERTY}, or null
     * @param bundle its bundle's symbolic name, or null once unregistered
     * @param domain the domain whose agent a native shutdown serves, or null for the local domain's
     */
    record Entry(boolean inUse, int ranking, String rankingAsGiven, String description, String provider,
            boolean simulated, String bundle, String version, long bundleId, Object domain) {
    }

    /** Both sections: vproperty providers and native shutdowns. */
    record Listing(List<Entry> vpropertyProviders, List<Entry> nativeShutdowns) {
    }

    private ProviderListing() {
    }

    static Listing read(BundleContext context) throws InvalidSyntaxException {
        // DS publishes the master's reference targets (from its annotations or its configuration,
        // e.g. -Dvshutdown.provider) as properties of its service: what it may bind is what they match
        ServiceReference<ShutdownService> master = context.getServiceReference(ShutdownService.class);
        return new Listing(
                section(context, VPropertyProvider.class, target(context, master, "provider.target"),
                        VPropertyProvider::description),
                section(context, NativeShutdown.class, target(context, master, "nativeShutdown.target"),
                        NativeShutdown::description));
    }

    static List<String> rows(Listing listing) {
        List<String> rows = new ArrayList<>();
        rows.add("vproperty providers:");
        rows.addAll(rows(listing.vpropertyProviders()));
        rows.add("native shutdowns:");
        rows.addAll(rows(listing.nativeShutdowns()));
        return rows;
    }

    private static List<String> rows(List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of("  none: vshutdown cannot run until a provider bundle registers one");
        }
        return entries.stream().map(e -> String.format("%s %6s  %s  [%s]%s%s", e.inUse() ? "*" : " ",
                e.rankingAsGiven() == null ? e.ranking() : "!" + e.rankingAsGiven(), e.description(),
                e.bundle() == null ? "unregistered" : e.bundle() + " " + e.version() + ", bundle " + e.bundleId(),
                e.domain() == null ? "" : " for domain " + e.domain() + "'s agent",
                e.simulated() ? " (simulated)" : "")).toList();
    }

    private static Filter target(BundleContext context, ServiceReference<?> master, String property)
            throws InvalidSyntaxException {
        Object target = master == null ? null : master.getProperty(property);
        return target instanceof String ? context.createFilter((String) target) : null;
    }

    private static <S> List<Entry> section(BundleContext context, Class<S> type, Filter target,
            Function<S, String> description) throws InvalidSyntaxException {
        List<ServiceReference<S>> refs = new ArrayList<>(context.getServiceReferences(type, null));
        // ServiceReference orders by ranking then age; the greatest is what a greedy reference binds
        refs.sort(Collections.reverseOrder());
        ServiceReference<S> inUse = refs.stream().filter(r -> target == null ? isLocal(r) : target.match(r))
                .findFirst().orElse(null);
        List<Entry> entries = new ArrayList<>();
        for (ServiceReference<S> ref : refs) {
            Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
            Bundle bundle = ref.getBundle();
            Object provider = ref.getProperty(VPropertyProvider.PROVIDER_PROPERTY);
            entries.add(new Entry(ref.equals(inUse), ranking instanceof Integer i ? i : 0,
                    ranking == null || ranking instanceof Integer ? null : String.valueOf(ranking),
                    describe(context, ref, description), provider == null ? null : String.valueOf(provider),
                    Boolean.TRUE.equals(ref.getProperty(VPropertyProvider.SIMULATED_PROPERTY)),
                    bundle == null ? null : bundle.getSymbolicName(),
                    bundle == null ? null : bundle.getVersion().toString(), bundle == null ? -1 : bundle.getBundleId(),
                    ref.getProperty(NativeShutdown.DOMAIN_PROPERTY)));
        }
        return entries;
    }

    /** A native shutdown registered for a named domain serves that domain's agent, never the master. */
    private static boolean isLocal(ServiceReference<?> ref) {
        return ref.getProperty(NativeShutdown.DOMAIN_PROPERTY) == null;
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
}
