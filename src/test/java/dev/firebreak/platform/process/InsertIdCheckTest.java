package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.platform.ProcessTestSupport;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.junit.jupiter.api.Test;

/**
 * Every insert's id is still checked as Camunda checks it (not {@code *}, with Camunda's message),
 * but an entity with a valid id is never rendered into a message no one reads ({@link InsertIdCheck}).
 */
class InsertIdCheckTest extends ProcessTestSupport {

  /** Rendering it fails the test: Camunda's own check renders every inserted entity. */
  static final class NotToBeRendered extends PropertyEntity {
    NotToBeRendered(String name) {
      super(name, "probe");
    }

    @Override
    public String toString() {
      throw new AssertionError("an entity with a valid id was rendered for its id check");
    }
  }

  private static final class Undo extends RuntimeException {
  }

  @Test
  void aValidIdIsCheckedWithoutRenderingTheEntityAndTheReservedIdIsRefusedAsCamundaRefusesIt() {
    CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
    assertThatThrownBy(() -> commands.execute(context -> {
      assertThat(context.getDbEntityManager()).isInstanceOf(InsertIdCheck.CheckingFirst.class);
      context.getDbEntityManager().insert(new NotToBeRendered("insert-id-check-probe"));
      throw new Undo(); // nothing of the probe is written
    })).isInstanceOf(Undo.class);

    assertThatThrownBy(() -> commands.execute(context -> {
      context.getDbEntityManager().insert(new PropertyEntity("*", "probe"));
      return null;
    })).isInstanceOf(ProcessEngineException.class).hasMessageContaining("has an invalid id")
        .hasMessageContaining("cannot be *");
  }
}
