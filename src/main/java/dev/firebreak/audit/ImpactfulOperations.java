package dev.firebreak.audit;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What a person changes by hand in Camunda (Cockpit, REST) on an incident's processes is written
 * on the incident's timeline with who and when: process instance modification, migration,
 * restart, suspension, variable writes and removals, deletion of instances and of history. The
 * entries come from Camunda's user operation log (which has an entry only when a user is
 * authenticated); a history deletion, whose log entry names no process instance, is seen on its
 * command instead. The timeline entry is written in the same transaction as the change.
 */
@Component
class ImpactfulOperations extends AbstractProcessEnginePlugin {

  static final Set<String> IMPACTFUL = Set.of(
      UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE,
      UserOperationLogEntry.OPERATION_TYPE_MIGRATE,
      UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE,
      UserOperationLogEntry.OPERATION_TYPE_SUSPEND,
      UserOperationLogEntry.OPERATION_TYPE_ACTIVATE,
      UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE,
      UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES,
      UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE,
      UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE,
      UserOperationLogEntry.OPERATION_TYPE_DELETE,
      UserOperationLogEntry.OPERATION_TYPE_DELETE_HISTORY);

  /** The variable names of the variable command running on this thread (the log entries omit them). */
  private static final ThreadLocal<Set<String>> VARIABLE_NAMES = new ThreadLocal<>();

  private final Incidents incidents;

  ImpactfulOperations(@Lazy Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(new OperationLog());
    configuration.setCustomHistoryEventHandlers(handlers);
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new HistoryDeletions());
  }

  /** Not a bean itself: the Camunda starter would register a HistoryEventHandler bean a second time. */
  final class OperationLog implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      handleEvents(List.of(event));
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      handle(events);
    }
  }

  private void handle(List<HistoryEvent> events) {
    Map<String, List<UserOperationLogEntryEventEntity>> operations = new LinkedHashMap<>();
    for (HistoryEvent event : events) {
      if (event instanceof UserOperationLogEntryEventEntity entry && IMPACTFUL.contains(entry.getOperationType())
          && entry.getUserId() != null && entry.getProcessInstanceId() != null) {
        operations.computeIfAbsent(entry.getOperationId() + "/" + entry.getProcessInstanceId(),
            k -> new ArrayList<>()).add(entry);
      }
    }
    operations.values().forEach(this::note);
  }

  private void note(List<UserOperationLogEntryEventEntity> entries) {
    UserOperationLogEntryEventEntity first = entries.get(0);
    Optional<String> key = incidentOf(first.getRootProcessInstanceId(), first.getProcessInstanceId());
    if (key.isEmpty()) {
      return;
    }
    List<Map<String, Object>> changes = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (UserOperationLogEntryEventEntity entry : entries) {
      if (entry.getProperty() == null) {
        continue;
      }
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("property", entry.getProperty());
      change.put("from", entry.getOrgValue());
      change.put("to", entry.getNewValue());
      changes.add(change);
      if ("name".equals(entry.getProperty()) && entry.getNewValue() != null) {
        names.add(entry.getNewValue());
      }
    }
    if (names.isEmpty() && VARIABLE_NAMES.get() != null && "Variable".equals(first.getEntityType())) {
      names.addAll(VARIABLE_NAMES.get());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("operation", first.getOperationType());
    details.put("entity", first.getEntityType());
    details.put("processInstanceId", first.getProcessInstanceId());
    details.put("processDefinitionKey", first.getProcessDefinitionKey());
    details.put("at", first.getTimestamp() == null ? null : first.getTimestamp().toInstant().toString());
    if (first.getTaskId() != null) {
      details.put("taskId", first.getTaskId());
    }
    if (!names.isEmpty()) {
      details.put("variables", names);
    }
    details.put("changes", changes);
    incidents.note(key.get(), first.getUserId(), TimelineEntry.Kind.OPERATION,
        incidents.words().get("operation.byHand", first.getUserId(), describe(incidents.words(), first, names)), details);
  }

  /** What the person did, in the timeline's words ({@code operation.*}); Camunda's entity type and names as they are. */
  static String describe(dev.firebreak.platform.i18n.TimelineWords words, UserOperationLogEntry entry, Set<String> names) {
    String what = names.isEmpty() ? "" : " " + String.join(", ", names);
    String on = entry.getProcessDefinitionKey() == null ? "" : " (" + entry.getProcessDefinitionKey() + ")";
    String code = switch (entry.getOperationType()) {
      case UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE -> "operation.modify";
      case UserOperationLogEntry.OPERATION_TYPE_MIGRATE -> "operation.migrate";
      case UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE -> "operation.restart";
      case UserOperationLogEntry.OPERATION_TYPE_SUSPEND -> "operation.suspend";
      case UserOperationLogEntry.OPERATION_TYPE_ACTIVATE -> "operation.activate";
      case UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES,
          UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE -> "operation.setVariable";
      case UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE -> "operation.removeVariable";
      case UserOperationLogEntry.OPERATION_TYPE_DELETE -> "operation.delete";
      case UserOperationLogEntry.OPERATION_TYPE_DELETE_HISTORY -> "operation.deleteHistory";
      default -> "operation.other";
    };
    return words.get(code, what, on, entry.getEntityType(), entry.getOperationType());
  }

  /** The incident of a process instance: its own record, or its root's (recovery, escalation, …). */
  private Optional<String> incidentOf(String rootProcessInstanceId, String processInstanceId) {
    Optional<String> key = incidents.keyOfProcessInstance(rootProcessInstanceId)
        .or(() -> incidents.keyOfProcessInstance(processInstanceId));
    if (key.isPresent() || processInstanceId == null || Context.getCommandContext() == null) {
      return key;
    }
    HistoricProcessInstanceEventEntity historic = Context.getCommandContext().getDbEntityManager()
        .selectById(HistoricProcessInstanceEventEntity.class, processInstanceId);
    if (historic == null) {
      return Optional.empty();
    }
    return incidents.keyOfProcessInstance(historic.getRootProcessInstanceId())
        .or(() -> Optional.ofNullable(historic.getBusinessKey()).filter(k -> incidents.find(k).isPresent()));
  }

  /** Deleting process instances' history: noted on their incidents once the deletion succeeded. */
  final class HistoryDeletions extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof AbstractSetVariableCmd || command instanceof AbstractRemoveVariableCmd) {
        Set<String> previous = VARIABLE_NAMES.get();
        VARIABLE_NAMES.set(variableNames(command));
        try {
          return next.execute(command);
        } finally {
          VARIABLE_NAMES.set(previous);
        }
      }
      CommandContext context = Context.getCommandContext();
      if (!(command instanceof DeleteHistoricProcessInstancesCmd) || context == null
          || context.getAuthenticatedUserId() == null) {
        return next.execute(command);
      }
      Map<String, String> keys = new LinkedHashMap<>();
      for (String id : processInstanceIds(command)) {
        incidentOf(null, id).ifPresent(key -> keys.put(id, key));
      }
      T result = next.execute(command);
      String user = context.getAuthenticatedUserId();
      keys.forEach((id, key) -> {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("operation", UserOperationLogEntry.OPERATION_TYPE_DELETE_HISTORY);
        details.put("entity", "ProcessInstance");
        details.put("processInstanceId", id);
        details.put("at", org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().toString());
        incidents.note(key, user, TimelineEntry.Kind.OPERATION, incidents.words().get("operation.historyDeleted", user, id), details);
      });
      return result;
    }

    @SuppressWarnings("unchecked")
    private Set<String> variableNames(Object command) {
      try {
        if (command instanceof AbstractSetVariableCmd) {
          Field field = AbstractSetVariableCmd.class.getDeclaredField("variables");
          field.setAccessible(true);
          Map<String, ?> variables = (Map<String, ?>) field.get(command);
          return variables == null ? Set.of() : new LinkedHashSet<>(variables.keySet());
        }
        Field field = AbstractRemoveVariableCmd.class.getDeclaredField("variableNames");
        field.setAccessible(true);
        java.util.Collection<String> names = (java.util.Collection<String>) field.get(command);
        return names == null ? Set.of() : new LinkedHashSet<>(names);
      } catch (ReflectiveOperationException e) {
        return Set.of();
      }
    }

    @SuppressWarnings("unchecked")
    private List<String> processInstanceIds(Object command) {
      try {
        Field field = DeleteHistoricProcessInstancesCmd.class.getDeclaredField("processInstanceIds");
        field.setAccessible(true);
        List<String> ids = (List<String>) field.get(command);
        return ids == null ? List.of() : ids;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Camunda's DeleteHistoricProcessInstancesCmd has no processInstanceIds", e);
      }
    }
  }
}
