package com.example.vshutdown.master.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "vshutdown master", description = "The master shutdown application.")
@interface MasterConfig {
    /** Framework property that sets the master's domain id when the configuration does not. */
    String MASTER_DOMAIN_PROPERTY = "vshutdown.master.domain";

    @AttributeDefinition(name = "Master domain",
            description = "Id of the master's own domain, never asked to shut down; -1 takes the framework "
                    + "property vshutdown.master.domain, else 0.")
    int master_domain() default -1;

    @AttributeDefinition(name = "Safety re-read (ms)",
            description = "How often pending domains are re-read without a change notification, in case one was lost.")
    long safety_reread_ms() default 1000;

    @AttributeDefinition(name = "Progress interval (ms)",
            description = "How often a long wait reports who is still pending.")
    long progress_interval_ms() default 5000;
}
