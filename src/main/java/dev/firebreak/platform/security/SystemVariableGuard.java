package dev.firebreak.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.process.EngineAccess;
import dev.firebreak.platform.process.InvalidVariableException;
import dev.firebreak.platform.process.ProcessContract;
import dev.firebreak.platform.process.SystemVariableRefusedException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractInstantiationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskFailureCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * System variables are written by the system only: the one place that holds it, for every way a
 * person reaches the engine (Camunda REST, Tasklist, Firebreak's own API).
 *
 * <p>An engine command interceptor looks at each outermost command that writes variables while a
 * person is the authenticated user, before the command runs (so a refusal changes nothing):
 * <ul>
 *   <li>completing or submitting a task (also resolve, BPMN error, escalation): every variable must
 *       be an editable field of the task's Camunda Form; a read-only field may come back only with
 *       the value it has; and (complete, submit-form) every required field the form shows must be
 *       submitted or already set, else {@link InvalidVariableException} naming it (400) — an
 *       expression after the task that still finds a variable unset is refused the same way;</li>
 *   <li>starting a process (start, submit-form, start at activities) whose start event has a form:
 *       every variable must be an editable field of that form;</li>
 *   <li>variable writes on a task: no variable of the contract ({@link ProcessContract}) other than
 *       the task's own form fields;</li>
 *   <li>everything else (message correlation, signals, execution and process instance variables,
 *       modification, restart, set-variables batches, external tasks, starts without a form): no
 *       variable of the contract.</li>
 * </ul>
 * Not checked: the job executor and timers (no user), commands nested in one already running
 * (delegates acting for the process), Firebreak's code inside {@link EngineAccess#asSystem}, and
 * administrators ({@code camunda-admin}), whose writes pass and are logged.
 */
@Component
class SystemVariableGuard extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(SystemVariableGuard.class);

  private final ObjectProvider<ProcessContract> contracts;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, FormKeys> forms = new ConcurrentHashMap<>();
  private volatile Set<String> contractNames;

  SystemVariableGuard(ObjectProvider<ProcessContract> contracts) {
    this.contracts = contracts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired();
    if (interceptors == null) {
      interceptors = new ArrayList<>();
      configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }
    interceptors.add(new Guard());
  }

  private final class Guard extends CommandInterceptor {
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public <T> T execute(Command<T> command) {
      int[] level = depth.get();
      level[0]++;
      try {
        if (level[0] != 1) {
          return next.execute(command);
        }
        check(command);
        boolean personCompletes = personCompletes(command);
        try {
          return next.execute(command);
        } catch (RuntimeException e) {
          InvalidVariableException unknown = personCompletes ? unknownProperty(e) : null;
          if (unknown != null) {
            throw unknown;
          }
          throw e;
        }
      } finally {
        level[0]--;
      }
    }
  }

  private void check(Command<?> command) {
    CommandContext context = Context.getCommandContext();
    Authentication user = context == null ? null : context.getAuthentication();
    if (user == null || user.getUserId() == null || EngineAccess.isSystem()) {
      return;
    }
    if (taskId(command) != null && !mayWork(taskId(command), user, context)) {
      // the engine refuses it with 403 next; saying which fields are missing would tell an outsider the form
      return;
    }
    Map<String, Object> written = written(command);
    if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
      Map<String, Object> submitted = written == null ? Map.of() : written;
      context.runWithoutAuthorization(() -> {
        requireFields(taskId(command), submitted, context);
        return null;
      });
    }
    if (written == null || written.isEmpty()) {
      return;
    }
    List<String> refused = new ArrayList<>();
    String reason = context.runWithoutAuthorization(() -> refuse(command, written, context, refused));
    if (refused.isEmpty()) {
      return;
    }
    if (user.getGroupIds() != null && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      log.warn("Administrator {} writes variables {} with {}", user.getUserId(), refused,
          command.getClass().getSimpleName());
      return;
    }
    throw new SystemVariableRefusedException(refused, reason);
  }

  /** Whether the person may work the task (Camunda's TASK_WORK or UPDATE on it or its process definition). */
  private static boolean mayWork(String taskId, Authentication user, CommandContext context) {
    var configuration = context.getProcessEngineConfiguration();
    if (!configuration.isAuthorizationEnabled()
        || (user.getGroupIds() != null && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
      return true;
    }
    return context.runWithoutAuthorization(() -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task == null) {
        return true;
      }
      var authorizations = configuration.getAuthorizationService();
      List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
      if (authorizations.isUserAuthorized(user.getUserId(), groups, TaskPermissions.TASK_WORK, Resources.TASK, taskId)
          || authorizations.isUserAuthorized(user.getUserId(), groups, Permissions.UPDATE, Resources.TASK, taskId)) {
        return true;
      }
      String definition = task.getProcessDefinition() == null ? null : task.getProcessDefinition().getKey();
      return definition != null && (authorizations.isUserAuthorized(user.getUserId(), groups,
          ProcessDefinitionPermissions.TASK_WORK, Resources.PROCESS_DEFINITION, definition)
          || authorizations.isUserAuthorized(user.getUserId(), groups,
          ProcessDefinitionPermissions.UPDATE_TASK, Resources.PROCESS_DEFINITION, definition));
    });
  }

  /** Fills refused and says why. */
  private String refuse(Command<?> command, Map<String, Object> written, CommandContext context, List<String> refused) {
    if (taskId(command) != null) {
      TaskEntity task = context.getTaskManager().findTaskById(taskId(command));
      FormKeys form = task == null ? null : taskForm(task, context);
      boolean completes = !(command instanceof SetTaskVariablesCmd || command instanceof PatchTaskVariablesCmd
          || command instanceof RemoveTaskVariablesCmd);
      if (form != null && completes) {
        written.forEach((name, value) -> {
          boolean unchangedReadOnly = form.readOnly().contains(name) && same(value, task.getVariable(name));
          if (!form.editable().contains(name) && !unchangedReadOnly) {
            refused.add(name);
          }
        });
        return "the form '" + form.id() + "' of this task has no editable field by that name; "
            + "a task completion submits only its form's fields";
      }
      Set<String> own = form == null ? Set.of() : form.editable();
      written.keySet().stream().filter(contractNames()::contains).filter(n -> !own.contains(n)).forEach(refused::add);
      return "only Firebreak sets these variables";
    }
    ProcessDefinitionEntity definition = startedDefinition(command, context);
    if (definition != null) {
      FormKeys form = startForm(definition, context);
      if (form != null) {
        written.keySet().stream().filter(n -> !form.editable().contains(n)).forEach(refused::add);
        return "the start form '" + form.id() + "' of '" + definition.getKey()
            + "' has no editable field by that name; a start submits only its form's fields";
      }
    }
    written.keySet().stream().filter(contractNames()::contains).forEach(refused::add);
    return "only Firebreak sets these variables";
  }

  // ---- required fields ---------------------------------------------------------------------

  private static final Pattern SIMPLE_HIDE = Pattern.compile("^=\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(!=|=)\\s*\"([^\"]*)\"\\s*$");
  private static final Pattern UNRESOLVED = Pattern.compile("Cannot resolve identifier '([^']+)'");

  /**
   * A completion carries every required field of the task's form that is shown: in the submitted
   * variables or already set on the task's scope. A field hidden by {@code =field = "value"} or
   * {@code =field != "value"} is required when that expression is false; a field hidden by any
   * other expression is not required.
   */
  private void requireFields(String taskId, Map<String, Object> submitted, CommandContext context) {
    TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
    FormKeys form = task == null ? null : taskForm(task, context);
    if (form == null) {
      return;
    }
    if (task.getExecutionId() != null && task.getExecution() == null) {
      // a job of the same incident moved the task to another execution after this command read it
      // (the tree was compacted): the values it would check are not readable, and the completion
      // would fail on flush anyway. Said in the engine's words for that (ENGINE-03005), which
      // TaskWriteRetry and every Camunda client know as "send it again"
      throw new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE TaskEntity[" + taskId + "]' failed."
          + " Entity was updated by another transaction concurrently (the task moved to another execution).");
    }
    for (Required field : form.required()) {
      if (field.hide() != null && hidden(field.hide(), submitted, task)) {
        continue;
      }
      if (blank(value(field.key(), submitted, task))) {
        refuseIfMovedMeanwhile(task, context);
        throw new InvalidVariableException(field.key(),
            "'" + field.key() + "' is required: the form '" + form.id() + "' of this task asks for it");
      }
    }
  }

  /**
   * A value that looks missing may only be unreadable: a job of the same incident moved the task to
   * another execution after this command read it. The database says so (the task's execution or
   * revision differs from what this command holds); then it is the concurrent change it is, sent
   * again by TaskWriteRetry, not a missing field.
   */
  private static void refuseIfMovedMeanwhile(TaskEntity task, CommandContext context) {
    String sql = "SELECT EXECUTION_ID_, REV_ FROM " + context.getProcessEngineConfiguration().getDatabaseTablePrefix()
        + "ACT_RU_TASK WHERE ID_ = ?";
    try (java.sql.PreparedStatement read = context.getDbSqlSession().getSqlSession().getConnection()
        .prepareStatement(sql)) {
      read.setString(1, task.getId());
      try (java.sql.ResultSet row = read.executeQuery()) {
        boolean moved = !row.next() || !java.util.Objects.equals(row.getString(1), task.getExecutionId())
            || row.getInt(2) != task.getRevision();
        if (moved) {
          throw new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE TaskEntity[" + task.getId()
              + "]' failed. Entity was updated by another transaction concurrently (the task moved meanwhile).");
        }
      }
    } catch (java.sql.SQLException e) {
      // cannot tell: the field is answered as missing, as before
    }
  }

  private static boolean hidden(String expression, Map<String, Object> submitted, TaskEntity task) {
    Matcher simple = SIMPLE_HIDE.matcher(expression.trim());
    if (!simple.matches()) {
      return true;
    }
    Object value = value(simple.group(1), submitted, task);
    boolean equal = value != null && simple.group(3).equals(String.valueOf(value));
    return "=".equals(simple.group(2)) == equal;
  }

  private static Object value(String name, Map<String, Object> submitted, TaskEntity task) {
    if (submitted.containsKey(name)) {
      return submitted.get(name);
    }
    return task.getExecutionId() == null ? task.getVariableLocal(name) : task.getVariable(name);
  }

  private static boolean blank(Object value) {
    return value == null || (value instanceof String text && text.isBlank());
  }

  private static boolean personCompletes(Command<?> command) {
    if (!(command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) || EngineAccess.isSystem()) {
      return false;
    }
    CommandContext context = Context.getCommandContext();
    Authentication user = context == null ? null : context.getAuthentication();
    return user != null && user.getUserId() != null;
  }

  /** An expression of the process that reads a variable nobody set, as a refusal naming it; else null. */
  static InvalidVariableException unknownProperty(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InvalidVariableException invalid) {
        return invalid;
      }
      String message = t.getMessage();
      boolean unknown = t.getClass().getSimpleName().equals("PropertyNotFoundException")
          || (message != null && message.contains("Unknown property used in expression"));
      if (unknown) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
          Matcher name = UNRESOLVED.matcher(String.valueOf(c.getMessage()));
          if (name.find()) {
            return new InvalidVariableException(name.group(1), "'" + name.group(1)
                + "' is required: the process reads it after this task and it is not set");
          }
        }
      }
    }
    return null;
  }

  private Set<String> contractNames() {
    Set<String> names = contractNames;
    if (names == null) {
      names = ProcessContract.allNames(contracts.orderedStream().toList());
      contractNames = names;
    }
    return names;
  }

  // ---- what a command writes ----------------------------------------------------------------

  /** Names (and values, where known) a command writes; null for commands that write none. */
  static Map<String, Object> written(Command<?> command) {
    Map<String, Object> names = new LinkedHashMap<>();
    if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd
        || command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd
        || command instanceof SubmitStartFormCmd || command instanceof MessageEventReceivedCmd
        || command instanceof SignalCmd || command instanceof AbstractSetVariableCmd
        || command instanceof AbstractPatchVariablesCmd || command instanceof SetVariablesToProcessInstancesBatchCmd
        || command instanceof CompleteExternalTaskCmd || command instanceof HandleExternalTaskBpmnErrorCmd
        || command instanceof HandleExternalTaskFailureCmd) {
      maps(command, names, "variables", "properties", "processVariables", "processVariablesLocal",
          "processVariablesToTriggeredScope", "localVariables");
      names(command, names, "deletions");
    } else if (command instanceof AbstractRemoveVariableCmd) {
      names(command, names, "variableNames");
    } else if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) field(command, "instantiationBuilder");
      add(names, builder.getVariables());
      instructions(builder.getModificationBuilder().getModificationOperations(), names);
    } else if (command instanceof AbstractCorrelateMessageCmd) {
      var builder = (org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl) field(command, "builder");
      add(names, builder.getPayloadProcessInstanceVariables());
      add(names, builder.getPayloadProcessInstanceVariablesLocal());
      add(names, builder.getPayloadProcessInstanceVariablesToTriggeredScope());
    } else if (command instanceof SignalEventReceivedCmd) {
      add(names, ((org.camunda.bpm.engine.impl.SignalEventReceivedBuilderImpl) field(command, "builder")).getVariables());
    } else if (command instanceof ModifyProcessInstanceCmd || command instanceof ModifyProcessInstanceAsyncCmd) {
      var builder = (org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl) field(command, "builder");
      add(names, builder.getProcessVariables());
      instructions(builder.getModificationOperations(), names);
    } else if (command instanceof AbstractRestartProcessInstanceCmd<?>) {
      var builder = (org.camunda.bpm.engine.impl.RestartProcessInstanceBuilderImpl) field(command, "builder");
      instructions(builder.getInstructions(), names);
    } else {
      return null;
    }
    return names;
  }

  private static void instructions(List<AbstractProcessInstanceModificationCommand> operations, Map<String, Object> names) {
    if (operations == null) {
      return;
    }
    for (AbstractProcessInstanceModificationCommand operation : operations) {
      if (operation instanceof AbstractInstantiationCmd) {
        maps(operation, names, "variables", "variablesLocal");
      }
    }
  }

  private static void maps(Object command, Map<String, Object> names, String... fields) {
    for (String name : fields) {
      if (field(command, name) instanceof Map<?, ?> map) {
        add(names, map);
      }
    }
  }

  private static void names(Object command, Map<String, Object> names, String fieldName) {
    if (field(command, fieldName) instanceof Collection<?> collection) {
      collection.forEach(n -> names.put(String.valueOf(n), null));
    }
  }

  private static void add(Map<String, Object> names, Map<?, ?> variables) {
    if (variables != null) {
      variables.forEach((k, v) -> names.put(String.valueOf(k), v instanceof TypedValue typed ? typed.getValue() : v));
    }
  }

  private static String taskId(Command<?> command) {
    if (command instanceof AbstractSetVariableCmd || command instanceof AbstractPatchVariablesCmd
        || command instanceof AbstractRemoveVariableCmd) {
      boolean task = command instanceof SetTaskVariablesCmd || command instanceof PatchTaskVariablesCmd
          || command instanceof RemoveTaskVariablesCmd;
      return task ? (String) field(command, "entityId") : null;
    }
    Object id = command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd
        || command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd
        ? field(command, "taskId") : null;
    return (String) id;
  }

  private static ProcessDefinitionEntity startedDefinition(Command<?> command, CommandContext context) {
    var cache = context.getProcessEngineConfiguration().getDeploymentCache();
    if (command instanceof SubmitStartFormCmd) {
      return cache.findDeployedProcessDefinitionById((String) field(command, "processDefinitionId"));
    }
    if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) field(command, "instantiationBuilder");
      if (builder.getProcessDefinitionId() != null) {
        return cache.findDeployedProcessDefinitionById(builder.getProcessDefinitionId());
      }
      return builder.getProcessDefinitionKey() == null ? null
          : cache.findDeployedLatestProcessDefinitionByKey(builder.getProcessDefinitionKey());
    }
    return null;
  }

  private static Object field(Object target, String name) {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
      } catch (NoSuchFieldException e) {
        // look further up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot read " + name + " of " + target.getClass(), e);
      }
    }
    return null;
  }

  /**
   * Unchanged: equal, equal as text, or an empty text for a variable that has no value (form-js
   * shows a read-only field with no value as empty and Tasklist sends it back as "").
   */
  private static boolean same(Object submitted, Object current) {
    return Objects.equals(submitted, current) || (current == null && "".equals(submitted))
        || (submitted != null && current != null && submitted.toString().equals(current.toString()));
  }

  // ---- forms ---------------------------------------------------------------------------------

  record FormKeys(String id, Set<String> editable, Set<String> readOnly, List<Required> required) {
  }

  /** A required field of a form and its {@code conditional.hide} expression (null when always shown). */
  record Required(String key, String hide) {
  }

  private FormKeys taskForm(TaskEntity task, CommandContext context) {
    if (task.getProcessDefinitionId() == null) {
      return null;
    }
    UserTask element = task.getBpmnModelElementInstance();
    if (element == null || element.getCamundaFormRef() == null) {
      return null;
    }
    ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(task.getProcessDefinitionId());
    return form(definition.getDeploymentId(), element.getCamundaFormRef(), context);
  }

  private FormKeys startForm(ProcessDefinitionEntity definition, CommandContext context) {
    BpmnModelInstance model = context.getProcessEngineConfiguration().getDeploymentCache()
        .findBpmnModelInstanceForProcessDefinition(definition);
    if (model == null || !(model.getModelElementById(definition.getKey()) instanceof Process process)) {
      return null;
    }
    // the engine's start form is its initial start event's: the none start, or the one timer start
    // (e.g. drill.bpmn's quarterly timer, whose form Tasklist's "Start process" shows)
    String initial = definition.getInitial() == null ? null : definition.getInitial().getId();
    for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
      boolean isInitial = start.getEventDefinitions().isEmpty() || start.getId().equals(initial);
      if (isInitial && start.getCamundaFormRef() != null) {
        return form(definition.getDeploymentId(), start.getCamundaFormRef(), context);
      }
    }
    return null;
  }

  private FormKeys form(String deploymentId, String formId, CommandContext context) {
    FormKeys cached = forms.get(deploymentId + "/" + formId);
    if (cached != null) {
      return cached;
    }
    for (ResourceEntity resource : context.getResourceManager().findResourcesByDeploymentId(deploymentId)) {
      if (!resource.getName().endsWith(".form")) {
        continue;
      }
      try {
        JsonNode form = json.readTree(resource.getBytes());
        if (formId.equals(form.path("id").asText())) {
          Set<String> editable = new LinkedHashSet<>();
          Set<String> readOnly = new LinkedHashSet<>();
          List<Required> required = new ArrayList<>();
          collect(form.path("components"), editable, readOnly, required, null);
          FormKeys keys = new FormKeys(formId, Set.copyOf(editable), Set.copyOf(readOnly), List.copyOf(required));
          forms.put(deploymentId + "/" + formId, keys);
          return keys;
        }
      } catch (IOException e) {
        log.warn("Form resource {} of deployment {} is not JSON", resource.getName(), deploymentId);
      }
    }
    return null;
  }

  private static void collect(JsonNode components, Set<String> editable, Set<String> readOnly,
      List<Required> required, String hiddenBy) {
    for (JsonNode component : components) {
      String hide = component.path("conditional").hasNonNull("hide")
          ? component.path("conditional").path("hide").asText() : null;
      if (hiddenBy != null) {
        hide = hide == null ? hiddenBy : "(" + hiddenBy + ") or (" + hide + ")";
      }
      boolean locked = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
      String key = component.hasNonNull("key") ? component.get("key").asText()
          : "dynamiclist".equals(component.path("type").asText()) && component.hasNonNull("path")
              ? component.get("path").asText() : null;
      if (key != null) {
        (locked ? readOnly : editable).add(key);
        if (!locked && component.path("validate").path("required").asBoolean(false)
            && component.hasNonNull("key")) {
          required.add(new Required(key, hide));
        }
      } else if (component.has("components")) {
        collect(component.get("components"), editable, readOnly, required, hide);
      }
    }
  }
}
