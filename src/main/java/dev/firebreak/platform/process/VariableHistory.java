package dev.firebreak.platform.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * History level {@code full} without one row per variable write. At level full Camunda writes, for
 * every variable created or changed, both the variable's history ({@code ACT_HI_VARINST}, its
 * latest value, kept) and an update row ({@code ACT_HI_DETAIL}, each value it ever had): about 30
 * update rows per incident start, nearly a fifth of what a start writes (docs/BENCHMARKS.md,
 * "Incidents start fast", third round). Nothing in Firebreak reads them: the audit reads the tasks,
 * decisions, identity links and the user operation log, the KPIs the activity and task history,
 * and what an incident's values were when is on its timeline. Everything else of level full stays
 * (activities, tasks, decisions with their inputs and outputs, the operation log, form fields).
 * {@code firebreak.history.variable-updates=true} writes the update rows again.
 */
@Component
class VariableHistory extends AbstractProcessEnginePlugin {

  private final boolean variableUpdates;

  VariableHistory(@Value("${firebreak.history.variable-updates:false}") boolean variableUpdates) {
    this.variableUpdates = variableUpdates;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (variableUpdates || !configuration.isEnableDefaultDbHistoryEventHandler()) {
      return;
    }
    // the engine's own database handler, first as before, minus the update rows
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    List<HistoryEventHandler> handlers = new ArrayList<>();
    handlers.add(new WithoutVariableUpdates());
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** Camunda's database history handler that keeps each variable's history but not its updates. */
  static final class WithoutVariableUpdates extends DbHistoryEventHandler {
    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return false;
    }
  }
}
