/**
 * The rules of the system-wide shutdown protocol, shared by the master and the agents: vproperty
 * names, the even/odd counter rules and the strict parsing of vproperty values and domain ids.
 */
@Export
@Version("1.0.0")
package com.example.vshutdown.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
