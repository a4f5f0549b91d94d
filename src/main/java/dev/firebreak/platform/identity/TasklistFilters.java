package dev.firebreak.platform.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The saved Tasklist filters of each role, created on every start when missing (by name; an
 * administrator's later edits of a filter are kept) and shared through Filter READ authorizations:
 * "My team's incidents" with everyone, "Approvals waiting for me" with incident managers, "Status
 * updates to approve" with communications, "All open incident tasks" with responders. Every filter
 * lists the most urgent first (priority, then due date) and shows the incident's key, severity and
 * title. Filters carry no owner, so nobody's personal filter list is touched.
 */
@Component
@Order(2)
public class TasklistFilters implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

  public static final String MY_TEAMS_INCIDENTS = "My team's incidents";
  public static final String APPROVALS_WAITING_FOR_ME = "Approvals waiting for me";
  public static final String STATUS_UPDATES_TO_APPROVE = "Status updates to approve";
  public static final String ALL_OPEN_INCIDENT_TASKS = "All open incident tasks";

  /** Incident keys are the business keys of an incident and every process it calls. */
  private static final String INCIDENT_BUSINESS_KEYS = "INC-%";
  /** Approval steps are named Approve… in every diagram (ApproveRollback, ApproveEscalation, …). */
  private static final String APPROVAL_STEPS = "Approve%";
  private static final String MY_GROUPS = "${currentUserGroups()}";

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;

  TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
  }

  private record Definition(String name, int order, String description, Supplier<TaskQuery> query,
      List<String> groups) {
  }

  List<Definition> definitions() {
    return List.of(
        new Definition(MY_TEAMS_INCIDENTS, 10,
            "Open tasks of incidents for your groups (your team, your role), most urgent first",
            () -> tasks.createTaskQuery().processInstanceBusinessKeyLike(INCIDENT_BUSINESS_KEYS)
                .taskCandidateGroupInExpression(MY_GROUPS).includeAssignedTasks(),
            List.of()),
        new Definition(APPROVALS_WAITING_FOR_ME, 20,
            "Rollbacks, escalations and post-mortems waiting for your approval",
            () -> tasks.createTaskQuery().taskDefinitionKeyLike(APPROVAL_STEPS)
                .taskCandidateGroupInExpression(MY_GROUPS).includeAssignedTasks(),
            List.of(Groups.INCIDENT_MANAGERS)),
        new Definition(STATUS_UPDATES_TO_APPROVE, 30,
            "Public notices and status updates for communications to approve",
            () -> tasks.createTaskQuery().taskCandidateGroup(Groups.COMMUNICATIONS).includeAssignedTasks(),
            List.of(Groups.COMMUNICATIONS)),
        new Definition(ALL_OPEN_INCIDENT_TASKS, 40,
            "Every open task of every incident you may see",
            () -> tasks.createTaskQuery().processInstanceBusinessKeyLike(INCIDENT_BUSINESS_KEYS),
            List.of(Groups.RESPONDERS)));
  }

  @Override
  public void run(ApplicationArguments args) {
    revokeReadOfEveryFilter();
    for (Definition definition : definitions()) {
      Filter filter = filters.createFilterQuery().filterName(definition.name()).list().stream().findFirst()
          .orElseGet(() -> create(definition));
      if (definition.groups().isEmpty()) {
        shareWithEveryone(filter.getId());
      } else {
        definition.groups().forEach(group -> shareWith(group, filter.getId()));
      }
    }
    log.info("Tasklist: filters {} are in place", definitions().stream().map(Definition::name).toList());
  }

  private Filter create(Definition definition) {
    TaskQuery query = definition.query().get();
    query.orderByTaskPriority().desc().orderByDueDate().asc().orderByTaskCreateTime().asc();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", definition.description());
    properties.put("priority", definition.order());
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    properties.put("variables", List.of(
        Map.of("name", "incidentKey", "label", "Incident"),
        Map.of("name", "severity", "label", "Severity"),
        Map.of("name", "title", "label", "Title"),
        Map.of("name", "service", "label", "Service")));
    Filter filter = filters.newTaskFilter(definition.name()).setOwner(null).setQuery(query).setProperties(properties);
    return filters.saveFilter(filter);
  }

  /**
   * Earlier versions let every group read every filter; now each filter is shared with its roles
   * only, so those grants lose READ (administrators keep ALL).
   */
  private void revokeReadOfEveryFilter() {
    for (Authorization grant : authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .resourceType(Resources.FILTER).resourceId(ANY).list()) {
      if (grant.getGroupId() == null || Groups.CAMUNDA_ADMIN.equals(grant.getGroupId())
          || !grant.isPermissionGranted(Permissions.READ) || grant.isPermissionGranted(Permissions.ALL)) {
        continue;
      }
      grant.removePermission(Permissions.READ);
      boolean grantsMore = java.util.Arrays.stream(Permissions.values())
          .filter(p -> p != Permissions.NONE && p != Permissions.ALL).anyMatch(grant::isPermissionGranted);
      if (!grantsMore) {
        authorizations.deleteAuthorization(grant.getId());
      } else {
        authorizations.saveAuthorization(grant);
      }
      log.info("Tasklist: group {} no longer reads every filter, only those shared with it", grant.getGroupId());
    }
  }

  private void shareWith(String group, String filterId) {
    Authorization existing = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(Resources.FILTER).resourceId(filterId).singleResult();
    if (existing != null && existing.isPermissionGranted(Permissions.READ)) {
      return;
    }
    Authorization grant = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    if (existing == null) {
      grant.setGroupId(group);
      grant.setResource(Resources.FILTER);
      grant.setResourceId(filterId);
    }
    grant.addPermission(Permissions.READ);
    authorizations.saveAuthorization(grant);
  }

  private void shareWithEveryone(String filterId) {
    Authorization existing = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GLOBAL)
        .resourceType(Resources.FILTER).resourceId(filterId).singleResult();
    if (existing != null && existing.isPermissionGranted(Permissions.READ)) {
      return;
    }
    Authorization grant = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GLOBAL);
    if (existing == null) {
      grant.setUserId(ANY);
      grant.setResource(Resources.FILTER);
      grant.setResourceId(filterId);
    }
    grant.addPermission(Permissions.READ);
    authorizations.saveAuthorization(grant);
  }
}
