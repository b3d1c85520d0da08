package com.example.vshutdown.example.internal;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownService;

/**
 * What a platform bundle on the master does with {@link ShutdownService}, in two Gogo commands:
 * one asks the service, one follows every shutdown as a {@link ShutdownListener}. Deployed into a
 * running master service, it binds the service the master registers; updated or removed, it goes
 * with its bundle.
 */
@Component(service = ExampleCommands.class, property = {
    "osgi.command.scope=example",
    "osgi.command.function=status",
    "osgi.command.function=follow"
})
public final class ExampleCommands {
    private final ShutdownService shutdown;
    private final BundleContext context;

    @Activate
    public ExampleCommands(@Reference ShutdownService shutdown, BundleContext context) {
        this.shutdown = shutdown;
        this.context = context;
    }

    @Descriptor("Show this bundle's version, the master's domain and whether a shutdown is in progress")
    public String status() {
        return "example " + context.getBundle().getVersion() + ": master domain " + shutdown.masterDomain()
                + ", shutdown in progress: " + (shutdown.current().isPresent() ? "yes" : "no");
    }

    @Descriptor("Print every step of every shutdown as it happens, until the line is abandoned (a second Ctrl-C)")
    public void follow(CommandSession session) throws InterruptedException {
        PrintStream out = session.getConsole();
        ServiceRegistration<ShutdownListener> listener = context.registerService(ShutdownListener.class,
                event -> out.println(event.type() + ": " + event.message()), null);
        try {
            out.println("following shutdowns");
            new CountDownLatch(1).await(); // until interrupted: it registers no cancel for Ctrl-C
        } finally {
            listener.unregister();
        }
    }
}
