package dev.firebreak.notify.teams;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when a firebreak.teams.*-webhook is set: only then are the Teams beans created. */
class TeamsConfigured implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return Binder.get(context.getEnvironment()).bind("firebreak.teams", TeamsProperties.class)
        .map(TeamsProperties::configured).orElse(false);
  }
}
