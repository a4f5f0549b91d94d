package dev.firebreak.platform.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks user name and password against Camunda's identity service; groups become authorities. A
 * locked account is refused saying until when (whatever the password), a user without a password
 * is told to ask for an invitation; otherwise only "wrong user name or password".
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  static final String GROUP_PREFIX = "GROUP_";

  private final IdentityService identity;
  private final TimedLoginLock locks;

  CamundaIdentityAuthenticationProvider(@Lazy IdentityService identity, TimedLoginLock locks) {
    this.identity = identity;
    this.locks = locks;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object credentials = authentication.getCredentials();
    TimedLoginLock.Status before = locks.status(user);
    refuseIfLockedOrWithoutPassword(before);
    if (user == null || credentials == null || !identity.checkPassword(user, credentials.toString())) {
      // this wrong password may have been the one that locks the account
      refuseIfLockedOrWithoutPassword(locks.status(user));
      throw new BadCredentialsException("Wrong user name or password");
    }
    List<SimpleGrantedAuthority> authorities = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).map(id -> new SimpleGrantedAuthority(GROUP_PREFIX + id)).toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
  }

  private void refuseIfLockedOrWithoutPassword(TimedLoginLock.Status status) {
    if (status.state() == TimedLoginLock.State.LOCKED) {
      throw new LoginRefusals.Locked(status.lockedUntil(), locks.maxAttempts());
    }
    if (status.state() == TimedLoginLock.State.NO_PASSWORD) {
      throw new LoginRefusals.NoPassword();
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
