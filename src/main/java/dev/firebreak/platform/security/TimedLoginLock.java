package dev.firebreak.platform.security;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * One timed lock for every login. Camunda's identity service locks a user for a growing few
 * seconds after each wrong password and, after loginMaxAttempts, for ever (until an administrator
 * unlocks them). Firebreak replaces that, in the engine's own identity provider, so Firebreak's API
 * and pages, /engine-rest and the Camunda webapps share it: after max-attempts wrong passwords in a
 * row the account is locked for lock-duration, then the count starts again; a right password resets
 * it. Stored on the user (ACT_ID_USER's ATTEMPTS_, LOCK_EXP_TIME_), so every node sees it. A user
 * without a password (a directory person not yet invited) never logs in and is not counted.
 */
@Component
class TimedLoginLock extends AbstractProcessEnginePlugin {

  /** What a login for this user name would meet, before the password is looked at. */
  enum State { UNKNOWN, NO_PASSWORD, LOCKED, OPEN }

  record Status(State state, Instant lockedUntil) {
  }

  private final LoginProperties settings;
  private final ProcessEngine engine;

  TimedLoginLock(LoginProperties settings, @Lazy ProcessEngine engine) {
    this.settings = settings;
    this.engine = engine;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return Provider.class;
      }

      @Override
      public Session openSession() {
        return new Provider(settings);
      }
    });
  }

  Status status(String userId) {
    if (userId == null || userId.isBlank()) {
      return new Status(State.UNKNOWN, null);
    }
    UserEntity user = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(context -> context.getDbEntityManager().selectById(UserEntity.class, userId));
    if (user == null) {
      return new Status(State.UNKNOWN, null);
    }
    if (user.getPassword() == null || user.getPassword().isEmpty()) {
      return new Status(State.NO_PASSWORD, null);
    }
    return Optional.ofNullable(user.getLockExpirationTime()).filter(until -> until.after(ClockUtil.getCurrentTime()))
        .map(until -> new Status(State.LOCKED, until.toInstant())).orElse(new Status(State.OPEN, null));
  }

  int maxAttempts() {
    return settings.getMaxAttempts();
  }

  /** Camunda's identity provider with Firebreak's timed lock instead of its delays and permanent lock. */
  static class Provider extends DbIdentityServiceProvider {

    private final LoginProperties settings;

    Provider(LoginProperties settings) {
      this.settings = settings;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
      UserEntity user = userId == null ? null : findUserById(userId);
      if (user == null || user.getPassword() == null || user.getPassword().isEmpty()) {
        return false;
      }
      return super.checkPassword(userId, password);
    }

    @Override
    protected boolean isUserLocked(UserEntity user) {
      Date until = user.getLockExpirationTime();
      return until != null && until.after(ClockUtil.getCurrentTime());
    }

    @Override
    protected void lockUser(UserEntity user) {
      int attempts = user.getAttempts() + 1;
      Date until = null;
      if (attempts >= settings.getMaxAttempts()) {
        until = new Date(ClockUtil.getCurrentTime().getTime() + settings.getLockDuration().toMillis());
        attempts = 0;
        LOG.infoUserTemporarilyLocked(user.getId(), until);
      }
      getIdentityInfoManager().updateUserLock(user, attempts, until);
    }
  }
}
