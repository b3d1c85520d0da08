package com.example.vshutdown.qnx.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the detection hands to the provider's services: the checked settings and the ddi library it
 * bound and opened before offering anything, so that a library that cannot be used is the
 * provider's fault and never a half-registered service. The vproperties service takes the library
 * over and closes it when it is withdrawn; a library nobody took (the offer failed before) is
 * closed by the detection.
 */
final class QnxBinding {
    private static final Logger LOG = LoggerFactory.getLogger(QnxBinding.class);

    private final QnxSettings settings;
    // Guarded by this; null once taken or closed.
    private DdiLibrary library;

    private QnxBinding(QnxSettings settings, DdiLibrary library) {
        this.settings = settings;
        this.library = library;
    }

    /**
     * Loads a copy of the library the settings name, opens it and checks that it answers (one
     * vsd_names): a library that cannot list its properties would only fail later, in the middle
     * of a shutdown.
     */
    static QnxBinding bind(QnxSettings settings, LibraryCopy copies) throws DdiException {
        DdiLibrary ddi = DdiLibrary.load(settings.library(), settings.libraryPath(), copies);
        ddi.open();
        try {
            int count = ddi.names().size();
            LOG.info("The ddi library {} is open: {} vproperties", ddi.display(), count);
        } catch (DdiException | RuntimeException e) {
            ddi.close();
            throw e;
        }
        return new QnxBinding(settings, ddi);
    }

    QnxSettings settings() {
        return settings;
    }

    /** The open library, to the one service that owns it from now on. */
    synchronized DdiLibrary take() {
        if (library == null) {
            throw new IllegalStateException("the ddi library of this offer was handed over or closed already");
        }
        DdiLibrary taken = library;
        library = null;
        return taken;
    }

    /** Closes the library if no service took it. */
    synchronized void closeUnlessTaken() {
        if (library != null) {
            library.close();
            library = null;
        }
    }
}
