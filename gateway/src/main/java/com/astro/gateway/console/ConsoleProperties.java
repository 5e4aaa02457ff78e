package com.astro.gateway.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the web console is told at start ({@code astro.console.*}); public values only.
 *
 * @param clerkPublishableKey Clerk's publishable key ({@code CLERK_PUBLISHABLE_KEY}); empty: no Clerk sign-in
 * @param agoraAppId the Agora project the console joins calls in ({@code CONSOLE_AGORA_APP_ID}); empty: the call
 *        panel shows the token's channel, uid and expiry instead of joining
 */
@ConfigurationProperties("astro.console")
record ConsoleProperties(@DefaultValue("") String clerkPublishableKey, @DefaultValue("") String agoraAppId) {
}
