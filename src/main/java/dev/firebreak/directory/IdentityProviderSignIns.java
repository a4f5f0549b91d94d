package dev.firebreak.directory;

import dev.firebreak.platform.identity.SignedInThroughIdentityProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The contact directory hears of every sign-in through the identity provider (platform.security
 * publishes it during the sign-in) and keeps the person in step ({@link Directory#keepInStep}).
 */
@Component
class IdentityProviderSignIns {

  private final Directory directory;

  IdentityProviderSignIns(Directory directory) {
    this.directory = directory;
  }

  @EventListener
  void signedIn(SignedInThroughIdentityProvider signedIn) {
    directory.keepInStep(signedIn);
  }
}
