package com.astro.session.lifecycle;

import org.springframework.test.context.TestPropertySource;

import com.astro.session.SessionTestSupport;

/** The integration context with the first-session promotion on: 2 free minutes. */
@TestPropertySource(properties = "astro.session.free-first-minutes=" + PromotionTestSupport.FREE_MINUTES)
abstract class PromotionTestSupport extends SessionTestSupport {

    static final int FREE_MINUTES = 2;
}
