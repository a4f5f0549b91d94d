package dev.firebreak.platform.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import dev.firebreak.platform.config.ServiceCatalog;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the role groups of DESIGN.md and the authorizations each role needs, on every start and
 * idempotently: a missing grant is added, nothing an administrator added is removed.
 */
@Component
@Order(1)
public class IdentityBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

  private static final String INCIDENT = "incident";
  private static final String DRILL = "drill";

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final ServiceCatalog catalog;

  IdentityBootstrap(IdentityService identity, AuthorizationService authorizations, ServiceCatalog catalog) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.catalog = catalog;
  }

  @Override
  public void run(ApplicationArguments args) {
    ensureGroups();
    grantAll();
    log.info("Identity: groups {} and their authorizations are in place", allGroups());
  }

  /**
   * team-&lt;service&gt; for every catalog service: the level-2 group of a service no team of the
   * directory owns (the directory creates its teams' groups when a team is saved).
   */
  public List<String> teamGroups() {
    return catalog.names().stream().map(dev.firebreak.platform.identity.Groups::team).distinct().toList();
  }

  List<String> allGroups() {
    List<String> groups = new ArrayList<>(dev.firebreak.platform.identity.Groups.ROLES);
    groups.addAll(teamGroups());
    return groups;
  }

  private void ensureGroups() {
    for (String id : allGroups()) {
      if (identity.createGroupQuery().groupId(id).count() == 0) {
        Group group = identity.newGroup(id);
        group.setName(nameOf(id));
        group.setType(id.equals(dev.firebreak.platform.identity.Groups.CAMUNDA_ADMIN)
            ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
        identity.saveGroup(group);
      }
    }
  }

  private void grantAll() {
    String admins = dev.firebreak.platform.identity.Groups.CAMUNDA_ADMIN;
    for (Resource resource : Resources.values()) {
      grant(admins, resource, ANY, Permissions.ALL);
    }
    List<String> operational = new ArrayList<>(List.of(
        dev.firebreak.platform.identity.Groups.RESPONDERS, dev.firebreak.platform.identity.Groups.INCIDENT_MANAGERS,
        dev.firebreak.platform.identity.Groups.EXECUTIVES, dev.firebreak.platform.identity.Groups.COMMUNICATIONS));
    operational.addAll(teamGroups());
    List<String> everyone = new ArrayList<>(operational);
    everyone.add(dev.firebreak.platform.identity.Groups.AUDITORS);
    everyone.add(dev.firebreak.platform.identity.Groups.PROCESS_OWNERS);

    for (String group : everyone) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.USER, ANY, Permissions.READ);
      grant(group, Resources.GROUP, ANY, Permissions.READ);
      grant(group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
      grant(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    }
    List<String> declarers = new ArrayList<>(List.of(dev.firebreak.platform.identity.Groups.RESPONDERS,
        dev.firebreak.platform.identity.Groups.INCIDENT_MANAGERS));
    declarers.addAll(teamGroups());
    for (String group : declarers) {
      grant(group, Resources.PROCESS_DEFINITION, INCIDENT, ProcessDefinitionPermissions.CREATE_INSTANCE);
      grant(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    }
    String managers = dev.firebreak.platform.identity.Groups.INCIDENT_MANAGERS;
    grant(managers, Resources.PROCESS_DEFINITION, DRILL, ProcessDefinitionPermissions.CREATE_INSTANCE);
    for (String reader : List.of(managers, dev.firebreak.platform.identity.Groups.AUDITORS,
        dev.firebreak.platform.identity.Groups.PROCESS_OWNERS)) {
      grant(reader, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(reader, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
      grant(reader, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
      grant(reader, Resources.DEPLOYMENT, ANY, Permissions.READ);
      grant(reader, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
      grant(reader, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    }
    // Process owners read definitions and history and have no runtime rights: no instance starts,
    // modifications, variable writes, deletions or task work. Their rows are set to exactly this
    // (earlier versions granted ALL); they may not create or delete deployments either.
    String owners = dev.firebreak.platform.identity.Groups.PROCESS_OWNERS;
    // Lifecycle changes are reviewed (issue 10, point 2): process owners propose deployments through
    // POST /api/lifecycle/changes, another owner or an administrator approves, Firebreak deploys.
    // Only administrators deploy directly (POST /engine-rest/deployment/create).
    exactly(owners, Resources.DEPLOYMENT, ANY, Permissions.READ);
    exactly(owners, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK);
    exactly(owners, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    exactly(owners, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    exactly(owners, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    // auditors read everything and write nothing
    String auditors = dev.firebreak.platform.identity.Groups.AUDITORS;
    exactly(auditors, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    exactly(auditors, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    onlyReadOwnUser();
  }

  /**
   * The directory is the source of people: nobody changes their own profile (e-mail) or deletes
   * their own account through Camunda. Camunda grants every new user ALL on their own user;
   * {@link SelfServiceAuthorizations} makes that READ for new users, this for those already there.
   */
  private void onlyReadOwnUser() {
    for (Authorization own : authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .resourceType(Resources.USER).list()) {
      if (own.getUserId() != null && own.getUserId().equals(own.getResourceId())
          && (own.isEveryPermissionGranted() || own.isPermissionGranted(Permissions.UPDATE)
              || own.isPermissionGranted(Permissions.DELETE))) {
        own.setPermissions(new Permission[] {Permissions.READ});
        authorizations.saveAuthorization(own);
      }
    }
  }

  /** Grants the permissions and takes away any other the group's row for the resource had. */
  private void exactly(String group, Resource resource, String resourceId, Permission... permissions) {
    grant(group, resource, resourceId, permissions);
    Authorization row = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(group).resourceType(resource).resourceId(resourceId)
        .singleResult();
    java.util.Set<Integer> wanted = java.util.Arrays.stream(permissions).map(Permission::getValue)
        .collect(java.util.stream.Collectors.toSet());
    boolean extra = row.isEveryPermissionGranted() || java.util.Arrays.stream(row.getPermissions(
        org.camunda.bpm.engine.impl.util.ResourceTypeUtil.getPermissionsByResourceType(resource.resourceType())))
        .anyMatch(p -> p.getValue() != 0 && !wanted.contains(p.getValue()));
    if (extra) {
      row.setPermissions(permissions);
      authorizations.saveAuthorization(row);
    }
  }

  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(group).resourceType(resource).resourceId(resourceId)
        .singleResult();
    Authorization authorization = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    if (existing == null) {
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = existing == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }

  private static String nameOf(String id) {
    return switch (id) {
      case "responders" -> "Responders (L1 on-call, operations)";
      case "incident-managers" -> "Incident managers";
      case "executives" -> "Executives (L3)";
      case "communications" -> "Communications (support, PR)";
      case "auditors" -> "Auditors";
      case "process-owners" -> "Process owners";
      case "camunda-admin" -> "Administrators";
      case "support" -> "Support centre";
      default -> id.startsWith("team-") ? "Team " + id.substring(5) + " (L2)" : id;
    };
  }
}
