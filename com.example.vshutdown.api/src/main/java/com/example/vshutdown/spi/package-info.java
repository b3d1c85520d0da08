/**
 * The service provider interfaces that platform providers implement: access to the hypervisor's
 * vproperties (with change notifications and an optional hard stop) and the local domain's native
 * shutdown and reboot. Providers register them with a {@code service.ranking} (an Integer) that
 * says how well they fit the platform; master and agent use the highest-ranked one.
 */
@Export
@Version("1.2.0")
package com.example.vshutdown.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
