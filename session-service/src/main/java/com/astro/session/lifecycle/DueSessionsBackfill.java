package com.astro.session.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * When an instance starts, lists for the sweeper every session that is not settled yet: sessions stored before the
 * sweeper worked from its list, and any that a lost write left unlisted. The one scan of the sessions' history.
 */
@Component
class DueSessionsBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DueSessionsBackfill.class);

    private final SessionStore store;

    DueSessionsBackfill(SessionStore store) {
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        Long listed = store.listUnsettled().block();
        if (listed != null && listed > 0) {
            log.info("listed {} unsettled session(s) for the sweeper", listed);
        }
    }
}
