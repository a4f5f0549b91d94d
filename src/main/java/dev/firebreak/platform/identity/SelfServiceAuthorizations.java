package dev.firebreak.platform.identity;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;

/**
 * A new user may read their own account, not change or delete it: Camunda's default gives each
 * new user ALL on their own user (profile, e-mail, password, deletion), but the contact directory
 * is the source of people and administrators manage accounts.
 */
@Component
class SelfServiceAuthorizations extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider() {
      @Override
      public AuthorizationEntity[] newUser(User user) {
        return new AuthorizationEntity[] {
            createGrantAuthorization(user.getId(), null, Resources.USER, user.getId(), Permissions.READ)};
      }
    });
  }
}
