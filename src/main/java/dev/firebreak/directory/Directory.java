package dev.firebreak.directory;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.identity.SignedInThroughIdentityProvider;
import dev.firebreak.platform.web.FieldChecks;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emergency contact list: people, teams with the services they own, and on-call rotations.
 * People become Camunda users and team members members of the group team-&lt;team&gt;, so tasks for a
 * team reach them in Tasklist.
 */
@Service
public class Directory {

  /** A person on the contact list; {@code id} is their Camunda user id. */
  public record Person(String id, String name, String email, String phone, String slackUser) {
  }

  /** A team: the services it owns, its members in rotation order, and the rotation. */
  public record Team(String id, String name, int tier, List<String> services, List<String> members,
      int rotationHours, Instant rotationStart) {
  }

  /** The answer to "who is on call for this service now". */
  public record OnCall(String service, String team, Person person, Instant until, boolean override) {
  }

  private final JdbcClient jdbc;
  private final IdentityService identity;

  Directory(JdbcClient jdbc, @Lazy IdentityService identity) {
    this.jdbc = jdbc;
    this.identity = identity;
  }

  public List<Person> people() {
    return jdbc.sql("SELECT * FROM person ORDER BY id").query((rs, row) -> new Person(rs.getString("id"),
        rs.getString("name"), rs.getString("email"), rs.getString("phone"), rs.getString("slack_user"))).list();
  }

  /**
   * Everyone in the directory as a form picker's options, [{label: "Name (id)", value: id}] by name
   * (JSON, for a Camunda Form's valuesKey).
   */
  public String peopleAsOptions() {
    com.fasterxml.jackson.databind.node.ArrayNode options =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    people().stream().sorted(java.util.Comparator.comparing(Person::name, String.CASE_INSENSITIVE_ORDER))
        .forEach(person -> options.addObject().put("label", person.name() + " (" + person.id() + ")")
            .put("value", person.id()));
    return options.toString();
  }

  /**
   * People's ids as a form or an API gives them: a picker's Json list, a list, or "a, b c"; trimmed,
   * without repeats, in the order given.
   */
  public static List<String> ids(Object raw) {
    List<String> given = new java.util.ArrayList<>();
    if (raw instanceof org.camunda.spin.json.SpinJsonNode json && json.isArray()) {
      json.elements().forEach(element -> given.add(element.isString() ? element.stringValue() : element.toString()));
    } else if (raw instanceof java.util.Collection<?> list) {
      list.forEach(element -> given.add(String.valueOf(element)));
    } else if (raw != null) {
      given.addAll(java.util.Arrays.asList(raw.toString().split("[,;\\s]+")));
    }
    return given.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
  }

  public Optional<Person> person(String id) {
    return people().stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public List<Team> teams() {
    return jdbc.sql("SELECT * FROM team ORDER BY id").query((rs, row) -> new Team(rs.getString("id"),
        rs.getString("name"), rs.getInt("tier"), services(rs.getString("id")), members(rs.getString("id")),
        rs.getInt("rotation_hours"), rs.getObject("rotation_start", OffsetDateTime.class).toInstant())).list();
  }

  @Transactional
  public Person savePerson(Person person) {
    new FieldChecks().required("id", person.id(), 64).required("name", person.name(), 200)
        .required("email", person.email(), 320)
        .check(person.email() == null || person.email().contains("@"), "email", "must be an e-mail address")
        .check(person.id() == null || person.id().matches("[a-zA-Z0-9][a-zA-Z0-9._-]*"), "id",
            "may contain letters, digits, dot, dash and underscore")
        .throwIfAny();
    int updated = jdbc.sql("UPDATE person SET name = ?, email = ?, phone = ?, slack_user = ? WHERE id = ?")
        .params(person.name(), person.email(), person.phone(), person.slackUser(), person.id()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO person (id, name, email, phone, slack_user) VALUES (?, ?, ?, ?, ?)")
          .params(person.id(), person.name(), person.email(), person.phone(), person.slackUser()).update();
    }
    syncUser(person);
    return person;
  }

  @Transactional
  public Team saveTeam(Team team) {
    FieldChecks checks = new FieldChecks().required("id", team.id(), 64).required("name", team.name(), 200)
        .range("tier", team.tier(), 1, 3)
        .check(team.rotationHours() >= 1 && team.rotationHours() <= 24 * 28, "rotationHours", "must be 1 to 672")
        .check(team.rotationStart() != null, "rotationStart", "is required (the first handover)");
    List<String> members = team.members() == null ? List.of() : team.members();
    for (String member : members) {
      checks.check(person(member).isPresent(), "members", "unknown person '" + member + "'");
    }
    checks.throwIfAny();
    int updated = jdbc.sql("UPDATE team SET name = ?, tier = ?, rotation_hours = ?, rotation_start = ? WHERE id = ?")
        .params(team.name(), team.tier(), team.rotationHours(), team.rotationStart().atOffset(ZoneOffset.UTC), team.id())
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO team (id, name, tier, rotation_hours, rotation_start) VALUES (?, ?, ?, ?, ?)")
          .params(team.id(), team.name(), team.tier(), team.rotationHours(), team.rotationStart().atOffset(ZoneOffset.UTC))
          .update();
    }
    jdbc.sql("DELETE FROM team_service WHERE team_id = ?").param(team.id()).update();
    for (String service : team.services() == null ? List.<String>of() : team.services()) {
      jdbc.sql("DELETE FROM team_service WHERE service = ?").param(service).update();
      jdbc.sql("INSERT INTO team_service (team_id, service) VALUES (?, ?)").params(team.id(), service).update();
    }
    jdbc.sql("DELETE FROM team_member WHERE team_id = ?").param(team.id()).update();
    for (int i = 0; i < members.size(); i++) {
      jdbc.sql("INSERT INTO team_member (team_id, person_id, position) VALUES (?, ?, ?)")
          .params(team.id(), members.get(i), i).update();
    }
    syncTeam(team.id(), members);
    return teams().stream().filter(t -> t.id().equals(team.id())).findFirst().orElseThrow();
  }

  @Transactional
  public void addOverride(String teamId, String personId, Instant from, Instant until, String reason) {
    new FieldChecks().check(teams().stream().anyMatch(t -> t.id().equals(teamId)), "team", "unknown team '" + teamId + "'")
        .check(person(personId).isPresent(), "person", "unknown person '" + personId + "'")
        .check(from != null && until != null && until.isAfter(from), "until", "must be after from")
        .throwIfAny();
    jdbc.sql("INSERT INTO rotation_override (team_id, person_id, starts_at, ends_at, reason) VALUES (?, ?, ?, ?, ?)")
        .params(teamId, personId, from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC), reason).update();
  }

  /**
   * The team that owns the service: the one whose {@code services} list it. The directory is where
   * a service's team is stated (the service catalog says tier, component, customer-facing).
   */
  public Optional<String> owningTeam(String service) {
    return jdbc.sql("SELECT team_id FROM team_service WHERE service = ?").param(service).query(String.class).optional();
  }

  /**
   * The Camunda group of the service's owning team (level 2): team-&lt;team&gt;, or team-&lt;service&gt;
   * (created for every catalog service at start) when no team of the directory owns it.
   */
  public String owningTeamGroup(String service) {
    return Groups.team(owningTeam(service).orElse(service));
  }

  /** Who is on call for the service at the moment; empty when no team owns it or it has no members. */
  public Optional<OnCall> onCall(String service, Instant at) {
    return owningTeam(service).flatMap(id -> teams().stream().filter(t -> t.id().equals(id)).findFirst())
        .flatMap(team -> rotation(team).at(at).map(on -> new OnCall(service, team.id(),
            person(on.person()).orElseThrow(), on.until(), on.override())));
  }

  public OnCallRotation rotation(Team team) {
    List<OnCallRotation.Override> overrides = jdbc.sql(
        "SELECT person_id, starts_at, ends_at FROM rotation_override WHERE team_id = ? ORDER BY starts_at")
        .param(team.id())
        .query((rs, row) -> new OnCallRotation.Override(rs.getString(1),
            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getObject(3, OffsetDateTime.class).toInstant()))
        .list();
    return new OnCallRotation(team.members(), team.rotationStart(), Duration.ofHours(team.rotationHours()), overrides);
  }

  private List<String> services(String teamId) {
    return jdbc.sql("SELECT service FROM team_service WHERE team_id = ? ORDER BY service").param(teamId)
        .query(String.class).list();
  }

  private List<String> members(String teamId) {
    return jdbc.sql("SELECT person_id FROM team_member WHERE team_id = ? ORDER BY position").param(teamId)
        .query(String.class).list();
  }

  /** Whether the person is a Camunda user in the administrators' group (only administrators edit them). */
  public boolean isAdministrator(String personId) {
    boolean[] administrator = new boolean[1];
    asFirebreak(() -> administrator[0] = identity.createUserQuery().userId(personId)
        .memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0);
    return administrator[0];
  }

  /**
   * Directory edits are authorized by the directory API (incident managers); mirroring them into
   * Camunda's users and groups is Firebreak's own bookkeeping, not the caller's Camunda permission.
   */
  private void asFirebreak(Runnable sync) {
    org.camunda.bpm.engine.impl.identity.Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      sync.run();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private void syncUser(Person person) {
    asFirebreak(() -> saveUser(person));
  }

  private void saveUser(Person person) {
    User user = identity.createUserQuery().userId(person.id()).singleResult();
    if (user == null) {
      user = identity.newUser(person.id());
    }
    String[] names = person.name().trim().split("\\s+", 2);
    user.setFirstName(names[0]);
    user.setLastName(names.length > 1 ? names[1] : "");
    user.setEmail(person.email());
    identity.saveUser(user);
  }

  private void syncTeam(String teamId, List<String> members) {
    asFirebreak(() -> saveTeamGroup(teamId, members));
  }

  private void saveTeamGroup(String teamId, List<String> members) {
    String groupId = Groups.team(teamId);
    if (identity.createGroupQuery().groupId(groupId).count() == 0) {
      Group group = identity.newGroup(groupId);
      group.setName("Team " + teamId + " (L2)");
      group.setType(org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW);
      identity.saveGroup(group);
    }
    for (String member : members) {
      if (identity.createUserQuery().userId(member).memberOfGroup(groupId).count() == 0) {
        identity.createMembership(member, groupId);
      }
    }
  }

  /**
   * Keeps a person in step with what the identity provider said when they signed in (single
   * sign-on): their name and e-mail (phone and Slack user stay as the directory has them), their
   * Camunda user, and their membership of every group single sign-on keeps (put in where the claims
   * say so, taken out where they no longer do); a kept team group also keeps the team's members
   * (a new member joins the end of the rotation). Other groups and teams are left as they are.
   */
  @Transactional
  public void keepInStep(SignedInThroughIdentityProvider signedIn) {
    Optional<Person> known = person(signedIn.userId());
    savePerson(new Person(signedIn.userId(), signedIn.name(), signedIn.email(),
        known.map(Person::phone).orElse(null), known.map(Person::slackUser).orElse(null)));
    String id = signedIn.userId();
    asFirebreak(() -> {
      for (String groupId : signedIn.managedGroups()) {
        boolean given = signedIn.groups().contains(groupId);
        boolean member = identity.createUserQuery().userId(id).memberOfGroup(groupId).count() > 0;
        if (given && !member) {
          if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identity.newGroup(groupId);
            group.setName(groupId.startsWith(Groups.TEAM_PREFIX)
                ? "Team " + groupId.substring(Groups.TEAM_PREFIX.length()) + " (L2)" : groupId);
            group.setType(org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW);
            identity.saveGroup(group);
          }
          identity.createMembership(id, groupId);
        } else if (!given && member) {
          identity.deleteMembership(id, groupId);
        }
      }
    });
    for (String groupId : signedIn.managedGroups()) {
      if (!groupId.startsWith(Groups.TEAM_PREFIX)) {
        continue;
      }
      String teamId = groupId.substring(Groups.TEAM_PREFIX.length());
      if (jdbc.sql("SELECT COUNT(*) FROM team WHERE id = ?").param(teamId).query(Long.class).single() == 0) {
        continue;
      }
      List<String> members = members(teamId);
      if (signedIn.groups().contains(groupId) && !members.contains(id)) {
        jdbc.sql("INSERT INTO team_member (team_id, person_id, position) VALUES (?, ?, "
            + "(SELECT COALESCE(MAX(position), -1) + 1 FROM team_member WHERE team_id = ?))")
            .params(teamId, id, teamId).update();
      } else if (!signedIn.groups().contains(groupId) && members.contains(id)) {
        jdbc.sql("DELETE FROM team_member WHERE team_id = ? AND person_id = ?").params(teamId, id).update();
      }
    }
  }

  /** Loads the seed file's people and teams when the directory is empty. */
  @Transactional
  public void seed(List<Person> people, List<Team> teams) {
    if (jdbc.sql("SELECT COUNT(*) FROM person").query(Long.class).single() > 0) {
      return;
    }
    people.forEach(this::savePerson);
    teams.forEach(this::saveTeam);
  }

}
