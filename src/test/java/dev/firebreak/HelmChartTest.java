package dev.firebreak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart (deploy/helm/firebreak) through Helm itself (helm-java wraps Helm's Go library):
 * {@code helm lint} and {@code helm template}, and what an operator relies on in the manifests it
 * renders.
 */
class HelmChartTest {

  static final Path CHART = Path.of("deploy/helm/firebreak");
  static final String RELEASE = "fb";

  /** The secret-bearing variables the chart passes, and the property each one must reach. */
  static final Map<String, String> SECRET_VARIABLES = new LinkedHashMap<>();
  static {
    SECRET_VARIABLES.put("FIREBREAK_DB_URL", "spring.datasource.url");
    SECRET_VARIABLES.put("FIREBREAK_DB_USER", "spring.datasource.username");
    SECRET_VARIABLES.put("FIREBREAK_DB_PASSWORD", "spring.datasource.password");
    SECRET_VARIABLES.put("FIREBREAK_ADMIN_PASSWORD", "firebreak.admin.password");
    SECRET_VARIABLES.put("FIREBREAK_INTAKE_TOKEN", "firebreak.intake.token");
    SECRET_VARIABLES.put("FIREBREAK_GRAFANA_HMAC_SECRET", "firebreak.intake.grafana.hmac-secret");
    SECRET_VARIABLES.put("FIREBREAK_SLACK_BOT_TOKEN", "firebreak.slack.bot-token");
    SECRET_VARIABLES.put("FIREBREAK_SLACK_SIGNING_SECRET", "firebreak.slack.signing-secret");
    SECRET_VARIABLES.put("FIREBREAK_JIRA_APITOKEN", "firebreak.jira.api-token");
    SECRET_VARIABLES.put("FIREBREAK_JIRA_PERSONALACCESSTOKEN", "firebreak.jira.personal-access-token");
    SECRET_VARIABLES.put("FIREBREAK_JIRA_WEBHOOKSECRET", "firebreak.jira.webhook-secret");
    SECRET_VARIABLES.put("SPRING_MAIL_PASSWORD", "spring.mail.password");
    // single sign-on (issue 16): read by firebreak.sso.client-secret
    SECRET_VARIABLES.put("FIREBREAK_SSO_CLIENT_SECRET", "firebreak.sso.client-secret");
  }

  @Test
  void helmLintFindsNothingEvenStrict() {
    LintResult lint = new Helm(CHART).lint().strict().call();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void probesAskTheActuatorHealthGroupsThatTheApplicationExposes() throws IOException {
    Map<String, Object> container = container(render(Map.of()));

    assertThat(string(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
    assertThat(string(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
    assertThat(string(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(get(container, probe + ".httpGet.port")).isEqualTo("http");
    }
    assertThat(portNamed(container, "http")).isEqualTo(8080);
    // the groups exist only with probes enabled; Prometheus scrapes the prometheus endpoint
    Map<String, Object> app = new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
    assertThat(get(app, "management.endpoint.health.probes.enabled")).isEqualTo(true);
    assertThat(string(app, "management.endpoints.web.exposure.include")).contains("health", "prometheus");
    assertThat(get(app, "server.port")).isEqualTo(8080);
  }

  @Test
  void secretsAreOnlyReferencedNeverWrittenIntoTheManifests() {
    List<Map<String, Object>> docs = render(Map.of("database.type", "postgresql",
        "extraSecretEnv[0].name", "FIREBREAK_TEAMS_WEBHOOK_URL",
        "extraSecretEnv[0].secretName", "teams", "extraSecretEnv[0].key", "webhook-url"));

    assertThat(docs).extracting(d -> d.get("kind")).doesNotContain("Secret");
    Map<String, Map<String, Object>> env = env(container(docs));
    assertThat(env.keySet()).containsAll(SECRET_VARIABLES.keySet()).contains("FIREBREAK_TEAMS_WEBHOOK_URL");
    for (Map.Entry<String, Map<String, Object>> variable : env.entrySet()) {
      String name = variable.getKey();
      if (name.matches(".*(PASSWORD|TOKEN|SECRET|_DB_|WEBHOOK).*")) {
        assertThat(variable.getValue()).as(name).doesNotContainKey("value");
        assertThat(get(variable.getValue(), "valueFrom.secretKeyRef.name")).as(name).isNotNull();
        assertThat(get(variable.getValue(), "valueFrom.secretKeyRef.key")).as(name).isNotNull();
      }
    }
    assertThat(get(env.get("FIREBREAK_DB_PASSWORD"), "valueFrom.secretKeyRef"))
        .isEqualTo(Map.of("name", "firebreak", "key", "db-password"));
    assertThat(get(env.get("FIREBREAK_ADMIN_PASSWORD"), "valueFrom.secretKeyRef"))
        .isEqualTo(Map.of("name", "firebreak", "key", "admin-password"));
    assertThat(get(env.get("FIREBREAK_SLACK_BOT_TOKEN"), "valueFrom.secretKeyRef"))
        .isEqualTo(Map.of("name", "firebreak", "key", "slack-bot-token", "optional", true));
    assertThat(get(env.get("FIREBREAK_TEAMS_WEBHOOK_URL"), "valueFrom.secretKeyRef"))
        .isEqualTo(Map.of("name", "teams", "key", "webhook-url"));

    // one entry may name its own Secret; a key set to "" leaves the variable out
    Map<String, Map<String, Object>> own = env(container(render(Map.of(
        "database.type", "postgresql", "database.postgresql.existingSecret", "pg-app",
        "secrets.slackBotToken.secretName", "slack", "secrets.jiraApiToken.key", ""))));
    assertThat(string(own.get("FIREBREAK_DB_URL"), "valueFrom.secretKeyRef.name")).isEqualTo("pg-app");
    assertThat(string(own.get("FIREBREAK_SLACK_BOT_TOKEN"), "valueFrom.secretKeyRef.name")).isEqualTo("slack");
    assertThat(own).doesNotContainKey("FIREBREAK_JIRA_APITOKEN");

    // a password, token or secret written as a plain variable is refused by values.schema.json
    assertThatThrownBy(() -> render(Map.of("extraEnv[0].name", "FIREBREAK_INTAKE_TOKEN", "extraEnv[0].value", "abc")))
        .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining("extraEnv.0");
    assertThat(env(container(render(Map.of("extraEnv[0].name", "SPRING_MAIL_HOST", "extraEnv[0].value", "smtp")))))
        .containsEntry("SPRING_MAIL_HOST", Map.of("name", "SPRING_MAIL_HOST", "value", "smtp"));
  }

  @Test
  void everyVariableTheChartSetsReachesThePropertyFirebreakReads() throws IOException {
    Map<String, String> properties = new LinkedHashMap<>(SECRET_VARIABLES);
    properties.put("FIREBREAK_BASE_URL", "firebreak.base-url");
    properties.put("FIREBREAK_SECURE_COOKIE", "server.servlet.session.cookie.secure");
    properties.put("SPRING_DATASOURCE_URL", "spring.datasource.url");
    properties.put("SPRING_PROFILES_ACTIVE", "spring.profiles.active");
    properties.put("SPRING_CONFIG_ADDITIONAL_LOCATION", "spring.config.additional-location");
    List<String> rendered = new ArrayList<>();
    for (Map<String, String> values : List.of(Map.of("database.type", "postgresql", "ingress.enabled", "true"), Map.<String, String>of())) {
      rendered.addAll(env(container(render(values))).keySet());
    }
    rendered.removeIf(name -> name.equals("JAVA_TOOL_OPTIONS") || name.equals("JAVA_OPTS")); // the JVM's
    assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(new java.util.LinkedHashSet<>(rendered));

    Map<String, Object> variables = new LinkedHashMap<>();
    properties.keySet().forEach(name -> variables.put(name, "from-" + name));
    // the datasource URL is given twice (H2, PostgreSQL): PostgreSQL's variable must win over the plain URL
    variables.remove("SPRING_DATASOURCE_URL");
    StandardEnvironment environment = new StandardEnvironment();
    MutablePropertySources sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
    for (String file : List.of("application-postgres.yml", "application.yml")) {
      for (PropertySource<?> source : yaml.load(file, new FileSystemResource("src/main/resources/" + file))) {
        sources.addLast(source);
      }
    }
    ConfigurationPropertySources.attach(environment);

    properties.forEach((variable, property) -> {
      if (variables.containsKey(variable)) {
        assertThat(environment.getProperty(property)).as(variable + " → " + property).isEqualTo("from-" + variable);
      }
    });
    variables.clear();
    variables.put("SPRING_DATASOURCE_URL", "from-SPRING_DATASOURCE_URL");
    assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("from-SPRING_DATASOURCE_URL");
  }

  @Test
  void everyResourceCarriesTheStandardLabels() {
    List<Map<String, Object>> docs = render(Map.of("database.type", "postgresql", "ingress.enabled", "true",
        "metrics.serviceMonitor.enabled", "true", "metrics.serviceMonitor.basicAuth.existingSecret", "scrape"));

    assertThat(docs).extracting(d -> d.get("kind")).contains("Deployment", "Service", "Ingress",
        "PodDisruptionBudget", "ServiceMonitor", "ServiceAccount", "ConfigMap");
    Map<String, Object> standard = Map.of("app.kubernetes.io/name", "firebreak", "app.kubernetes.io/instance", RELEASE,
        "app.kubernetes.io/version", "0.1.0-SNAPSHOT", "app.kubernetes.io/managed-by", "Helm",
        "helm.sh/chart", "firebreak-0.1.0");
    for (Map<String, Object> doc : docs) {
      assertThat(map(doc, "metadata.labels")).as(doc.get("kind").toString()).containsAllEntriesOf(standard);
    }
    Map<String, Object> deployment = kind(docs, "Deployment");
    assertThat(map(deployment, "spec.template.metadata.labels")).containsAllEntriesOf(standard);
    // selectors only on what never changes between upgrades (a Deployment's selector is immutable)
    Map<String, Object> selector = Map.of("app.kubernetes.io/name", "firebreak", "app.kubernetes.io/instance", RELEASE);
    assertThat(map(deployment, "spec.selector.matchLabels")).isEqualTo(selector);
    assertThat(map(kind(docs, "Service"), "spec.selector")).isEqualTo(selector);
    assertThat(map(kind(docs, "PodDisruptionBudget"), "spec.selector.matchLabels")).isEqualTo(selector);
    assertThat(map(kind(docs, "ServiceMonitor"), "spec.selector.matchLabels")).isEqualTo(selector);
  }

  @Test
  void heapIsSizedByTheContainersMemoryLimit() throws Exception {
    Map<String, Object> container = container(render(Map.of()));

    assertThat(string(env(container).get("JAVA_TOOL_OPTIONS"), "value"))
        .isEqualTo("-XX:MaxRAMPercentage=65 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError");
    // the image's JAVA_OPTS (Dockerfile) comes later on the command line and would win: emptied
    assertThat(env(container).get("JAVA_OPTS")).isEqualTo(Map.of("name", "JAVA_OPTS", "value", ""));
    // request = limit: the heap ceiling (65 % of the limit, as the image's own JAVA_OPTS) plus ~300 MiB
    // outside the heap fit in it
    assertThat(string(container, "resources.limits.memory")).isEqualTo("1Gi");
    assertThat(string(container, "resources.requests.memory")).isEqualTo("1Gi");
    assertThat(Files.readString(Path.of("Dockerfile"))).as("the image and the chart size the heap alike")
        .contains("-XX:MaxRAMPercentage=65 ");

    Map<String, Object> sized = container(render(Map.of("jvm.maxRamPercentage", "60",
        "jvm.extraOptions", "-XX:+UseZGC", "resources.limits.memory", "2Gi")));
    assertThat(string(env(sized).get("JAVA_TOOL_OPTIONS"), "value")).isEqualTo("-XX:MaxRAMPercentage=60 -XX:+UseZGC");
    assertThat(string(sized, "resources.limits.memory")).isEqualTo("2Gi");

    // a heap ceiling that leaves nothing for the rest, or no memory limit to size it by, is refused
    assertThatThrownBy(() -> render(Map.of("jvm.maxRamPercentage", "95"))).hasMessageContaining("jvm.maxRamPercentage");
    assertThatThrownBy(() -> render(Map.of("resources.limits.memory", "null"))).hasMessageContaining("memory is required");
  }

  /** A stopping pod is killed only after its preStop sleep, its running jobs and its requests in flight had their time. */
  @Test
  void aStoppingPodHasTimeForItsJobsAndItsRequests() throws Exception {
    List<Map<String, Object>> docs = render(Map.of());
    Map<String, Object> deployment = kind(docs, "Deployment");
    int grace = ((Number) get(deployment, "spec.template.spec.terminationGracePeriodSeconds")).intValue();
    List<?> preStop = (List<?>) get(container(docs), "lifecycle.preStop.exec.command");
    int sleep = Integer.parseInt(String.valueOf(preStop.get(1)));
    Map<String, Object> app = new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
    int jobs = seconds(string(app, "firebreak.jobs.shutdown-wait"));
    int requests = seconds(string(app, "spring.lifecycle.timeout-per-shutdown-phase"));
    assertThat(grace).as("grace %d s vs preStop %d s + jobs %d s + requests %d s", grace, sleep, jobs, requests)
        .isGreaterThan(sleep + jobs + requests);
  }

  private static int seconds(String springDuration) {
    assertThat(springDuration).matches("\\d+s");
    return Integer.parseInt(springDuration.substring(0, springDuration.length() - 1));
  }

  @Test
  void anUnknownDatabaseIsRefused() {
    assertThatThrownBy(() -> render(Map.of("database.type", "mysql"))).hasMessageContaining("database.type");
  }

  @Test
  void twoReplicasOnH2AreRefused() {
    assertThatThrownBy(() -> render(Map.of("replicaCount", "2")))
        .hasMessageContaining("replicaCount 2 needs database.type=postgresql");
  }

  @Test
  void twoReplicasOnPostgresqlRenderAsAClusterBehindStickySessions() {
    List<Map<String, Object>> docs = render(Map.of("replicaCount", "2", "database.type", "postgresql",
        "podDisruptionBudget.minAvailable", "1"));

    Map<String, Object> deployment = kind(docs, "Deployment");
    assertThat(get(deployment, "spec.replicas")).isEqualTo(2);
    assertThat(string(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");
    Map<String, Map<String, Object>> env = env(container(docs));
    assertThat(string(env.get("SPRING_PROFILES_ACTIVE"), "value")).isEqualTo("postgres");
    assertThat(env).doesNotContainKey("SPRING_DATASOURCE_URL");
    assertThat(docs).extracting(d -> d.get("kind")).doesNotContain("PersistentVolumeClaim");
    assertThat(string(kind(docs, "Service"), "spec.sessionAffinity")).isEqualTo("ClientIP");
    assertThat(map(kind(docs, "PodDisruptionBudget"), "spec")).containsEntry("minAvailable", 1)
        .doesNotContainKey("maxUnavailable");
  }

  @Test
  void h2IsOneNodeOnItsOwnVolumeReplacedNotRolled() {
    List<Map<String, Object>> docs = render(Map.of());

    Map<String, Object> deployment = kind(docs, "Deployment");
    assertThat(get(deployment, "spec.replicas")).isEqualTo(1);
    assertThat(string(deployment, "spec.strategy.type")).isEqualTo("Recreate");
    Map<String, Object> container = container(docs);
    Map<String, Map<String, Object>> env = env(container);
    assertThat(string(env.get("SPRING_PROFILES_ACTIVE"), "value")).isEqualTo("h2");
    assertThat(string(env.get("SPRING_DATASOURCE_URL"), "value")).startsWith("jdbc:h2:file:/var/lib/firebreak/");
    assertThat(list(container, "volumeMounts")).contains(Map.of("name", "data", "mountPath", "/var/lib/firebreak"));
    Map<String, Object> claim = kind(docs, "PersistentVolumeClaim");
    assertThat(list(deployment, "spec.template.spec.volumes"))
        .contains(Map.of("name", "data", "persistentVolumeClaim", Map.of("claimName", get(claim, "metadata.name"))));
    assertThat(string(kind(docs, "Service"), "spec.sessionAffinity")).isEqualTo("None");
    assertThat(map(kind(docs, "PodDisruptionBudget"), "spec")).containsEntry("maxUnavailable", 1);
  }

  @Test
  void withoutAnAdministratorSecretOnlyTheDemoRenders() {
    assertThatThrownBy(() -> render(Map.of("secrets.existingSecret", "")))
        .hasMessageContaining("first administrator's password");

    Map<String, Map<String, Object>> demo = env(container(render(Map.of("secrets.existingSecret", "", "demo", "true"))));
    assertThat(string(demo.get("SPRING_PROFILES_ACTIVE"), "value")).isEqualTo("demo");
    assertThat(demo).doesNotContainKey("FIREBREAK_ADMIN_PASSWORD");
    assertThatThrownBy(() -> render(Map.of("demo", "true", "database.type", "postgresql")))
        .hasMessageContaining("demo=true is for H2 only");
  }

  @Test
  void serviceMonitorOnlyWhenEnabledAndThenWithItsScrapeUser() {
    assertThat(render(Map.of())).extracting(d -> d.get("kind")).doesNotContain("ServiceMonitor");
    assertThatThrownBy(() -> render(Map.of("metrics.serviceMonitor.enabled", "true")))
        .hasMessageContaining("metrics.serviceMonitor.basicAuth.existingSecret is required");

    Map<String, Object> monitor = kind(render(Map.of("metrics.serviceMonitor.enabled", "true",
        "metrics.serviceMonitor.basicAuth.existingSecret", "scrape",
        "metrics.serviceMonitor.labels.release", "kube-prometheus-stack")), "ServiceMonitor");
    assertThat(string(monitor, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
    assertThat(map(monitor, "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
    Map<String, Object> endpoint = firstOf(list(monitor, "spec.endpoints"));
    assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
    assertThat(map(endpoint, "basicAuth")).isEqualTo(Map.of(
        "username", Map.of("name", "scrape", "key", "username"),
        "password", Map.of("name", "scrape", "key", "password")));
  }

  @Test
  void ingressOnlyWhenEnabledAndItsHostBecomesTheBaseUrl() {
    List<Map<String, Object>> plain = render(Map.of());
    assertThat(plain).extracting(d -> d.get("kind")).doesNotContain("Ingress");
    assertThat(env(container(plain))).doesNotContainKey("FIREBREAK_BASE_URL");

    List<Map<String, Object>> docs = render(Map.of("ingress.enabled", "true", "ingress.className", "nginx",
        "ingress.hosts[0].host", "incidents.example.com", "ingress.hosts[0].paths[0].path", "/",
        "ingress.hosts[0].paths[0].pathType", "Prefix",
        "ingress.tls[0].secretName", "incidents-tls", "ingress.tls[0].hosts[0]", "incidents.example.com"));
    Map<String, Object> ingress = kind(docs, "Ingress");
    assertThat(string(ingress, "spec.ingressClassName")).isEqualTo("nginx");
    Map<String, Object> rule = firstOf(list(ingress, "spec.rules"));
    assertThat(rule).containsEntry("host", "incidents.example.com");
    Map<String, Object> path = firstOf(list(rule, "http.paths"));
    assertThat(map(path, "backend.service")).isEqualTo(Map.of("name", get(kind(docs, "Service"), "metadata.name"),
        "port", Map.of("name", "http")));
    assertThat(list(ingress, "spec.tls")).containsExactly(Map.of("secretName", "incidents-tls",
        "hosts", List.of("incidents.example.com")));
    assertThat(string(env(container(docs)).get("FIREBREAK_BASE_URL"), "value")).isEqualTo("https://incidents.example.com");
  }

  @Test
  void podRunsUnprivilegedWithATokenlessServiceAccountAndAConfigMapForSettings() {
    List<Map<String, Object>> docs = render(Map.of("config.firebreak.zone", "Europe/Berlin"));

    Map<String, Object> pod = map(kind(docs, "Deployment"), "spec.template.spec");
    assertThat(pod).containsEntry("automountServiceAccountToken", false);
    assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
    Map<String, Object> container = container(docs);
    assertThat(map(container, "securityContext")).containsEntry("allowPrivilegeEscalation", false)
        .containsEntry("readOnlyRootFilesystem", true);
    assertThat(list(container, "volumeMounts")).contains(Map.of("name", "tmp", "mountPath", "/tmp"));
    String applicationYml = string(kind(docs, "ConfigMap"), "data.application\\.yml");
    assertThat((Map<String, Object>) new Yaml().load(applicationYml)).isEqualTo(Map.of("firebreak", Map.of("zone", "Europe/Berlin")));
    assertThat(string(env(container).get("SPRING_CONFIG_ADDITIONAL_LOCATION"), "value")).isEqualTo("optional:file:/etc/firebreak/");
    assertThat(list(container, "volumeMounts")).contains(Map.of("name", "config", "mountPath", "/etc/firebreak", "readOnly", true));
  }

  // --- rendering and reading the manifests

  static List<Map<String, Object>> render(Map<String, String> values) {
    TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace("incidents");
    values.forEach(template::set);
    String manifests = template.call();
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(manifests)) {
      if (doc != null) {
        @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) doc;
        docs.add(map);
      }
    }
    return docs;
  }

  static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
    List<Map<String, Object>> found = docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    assertThat(found).as("rendered " + kind).hasSize(1);
    return found.get(0);
  }

  static Map<String, Object> container(List<Map<String, Object>> docs) {
    List<Object> containers = list(kind(docs, "Deployment"), "spec.template.spec.containers");
    assertThat(containers).hasSize(1);
    return firstOf(containers);
  }

  /** The container's environment by variable name. */
  static Map<String, Map<String, Object>> env(Map<String, Object> container) {
    Map<String, Map<String, Object>> env = new LinkedHashMap<>();
    for (Object variable : list(container, "env")) {
      @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) variable;
      assertThat(env.put((String) map.get("name"), map)).as("variable " + map.get("name") + " set twice").isNull();
    }
    return env;
  }

  static Object portNamed(Map<String, Object> container, String name) {
    return list(container, "ports").stream().map(p -> (Map<?, ?>) p).filter(p -> name.equals(p.get("name")))
        .map(p -> p.get("containerPort")).findFirst().orElse(null);
  }

  /** A value by a dotted path; "\\." is a dot inside a key. */
  static Object get(Map<String, Object> map, String path) {
    Object current = map;
    Matcher keys = Pattern.compile("((?:\\\\\\.|[^.])+)").matcher(path);
    while (keys.find()) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(keys.group(1).replace("\\.", "."));
    }
    return current;
  }

  static String string(Map<String, Object> map, String path) {
    Object value = get(map, path);
    if (value instanceof List<?> items) {
      return items.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return value == null ? null : value.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> map, String path) {
    Object value = get(map, path);
    assertThat(value).as(path).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> map, String path) {
    Object value = get(map, path);
    assertThat(value).as(path).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> firstOf(List<Object> items) {
    assertThat(items).isNotEmpty();
    return (Map<String, Object>) items.get(0);
  }
}
