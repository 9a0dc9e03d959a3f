package dev.qaimport.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls listener code so that its exceptions never break an import. */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {
    }

    public static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("an ImportListener threw; ignored", e);
        }
    }
}
