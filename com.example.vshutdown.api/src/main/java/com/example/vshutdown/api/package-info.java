/**
 * The public API of the system-wide shutdown service: {@link ShutdownService} with its request
 * and result types, the listing of domains, the {@link ShutdownListener} whiteboard through
 * which any bundle follows a shutdown as it happens, and the {@link ShutdownParticipant} whiteboard
 * through which bundles on the master prepare for its own shutdown or reboot.
 */
@Export
@Version("1.1.0")
package com.example.vshutdown.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
