package dev.firebreak.platform.process;

import java.util.ArrayList;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda's check of every inserted row's id, without its message built for the rows that pass.
 * {@code DbEntityManager.insert} checks each new entity's id (not null, not {@code *}) with the
 * message {@code "Entity " + entity + " has an invalid id"}, built before the check: every insert
 * renders the whole entity, its dates included ({@code Date.toString} looks up time-zone names),
 * about 6 % of the CPU of an incident start (docs/BENCHMARKS.md, "Incidents start fast"). Here the
 * same check runs first and Camunda's own, with its message, only for an id that fails it.
 */
@Component
class InsertIdCheck extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    // replaces the engine's own factory of the same session type (DbEntityManager)
    configuration.getCustomSessionFactories().add(new Factory(configuration));
  }

  /** The engine's entity manager factory, its id generator taken once the engine has one. */
  static final class Factory extends DbEntityManagerFactory {
    private final ProcessEngineConfigurationImpl configuration;

    Factory(ProcessEngineConfigurationImpl configuration) {
      super(null);
      this.configuration = configuration;
    }

    @Override
    public DbEntityManager openSession() {
      PersistenceSession persistence = Context.getCommandContext().getSession(PersistenceSession.class);
      return new CheckingFirst(configuration, persistence);
    }
  }

  /** Camunda's entity manager; an insert's id check builds its message only when the id fails. */
  static final class CheckingFirst extends DbEntityManager {
    CheckingFirst(ProcessEngineConfigurationImpl configuration, PersistenceSession persistence) {
      super(configuration.getIdGenerator(), persistence);
    }

    @Override
    protected void validateId(DbEntity entity) {
      String id = entity.getId();
      if (id == null || Authorization.ANY.equals(id)) {
        super.validateId(entity);
      }
    }
  }
}
