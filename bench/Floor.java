import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The floor of this stack for bench/run: Felix with SCR and Gogo (runtime and command) in a fresh
 * storage, running one Gogo command ({@code lb}) and exiting, as the one-shot does with its own
 * bundles. {@code java -cp <classes>:<felix framework jar> Floor <storage dir> <bundle jar>...}
 */
public final class Floor {
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";

    public static void main(String[] args) throws Exception {
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next()
                .newFramework(Map.of(Constants.FRAMEWORK_STORAGE, args[0], Constants.FRAMEWORK_STORAGE_CLEAN,
                        Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        BundleContext context = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            // copied into the storage, as the bnd launcher installs the bundles of an executable jar
            try (InputStream in = new FileInputStream(args[i])) {
                bundles.add(context.installBundle(args[i], in));
            }
        }
        for (Bundle bundle : bundles) {
            bundle.start();
        }
        ServiceReference<?> reference = context.getServiceReference(PROCESSOR);
        Object processor = context.getService(reference);
        ClassLoader gogo = processor.getClass().getClassLoader();
        Object session = gogo.loadClass(PROCESSOR).getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                .invoke(processor, new ByteArrayInputStream(new byte[0]), System.out, System.err);
        Object result = gogo.loadClass("org.apache.felix.service.command.CommandSession").getMethod("execute", CharSequence.class).invoke(session, "lb");
        System.out.println(result == null ? "" : result);
        framework.stop();
        framework.waitForStop(10_000);
        System.exit(0);
    }
}
