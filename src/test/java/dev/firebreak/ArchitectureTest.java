package dev.firebreak;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.firebreak.platform.BpmnModels;
import java.beans.Introspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor plan of docs/ARCHITECTURE.md: features import only features on lower floors, feature
 * packages form no cycle, delegates live in the feature whose process uses them (or, for a step of
 * a lower feature's process, in the higher feature that does the work), and controllers leave SQL
 * to the services.
 */
class ArchitectureTest {

  /** Lowest first. A feature may import only features on a lower floor. */
  static final Map<String, Integer> FLOORS = floors(
      List.of("platform"),
      List.of("directory"),
      List.of("incident"),
      List.of("intake", "notify", "tracking", "recovery"),
      List.of("statuspage", "escalation", "postmortem", "drill"),
      List.of("audit", "kpi", "lifecycle", "knowledge"),
      List.of("imports"));

  private static final String ROOT = "dev.firebreak.";
  private static final Path MAIN_SOURCES = Path.of("src/main/java/dev/firebreak");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?dev\\.firebreak\\.([a-z]+)\\.([\\w.]+)", Pattern.MULTILINE);

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.firebreak");
  }

  @Test
  void everyFeatureHasAFloor() {
    Set<String> features = new TreeSet<>();
    main.stream().map(ArchitectureTest::feature).flatMap(Optional::stream).forEach(features::add);
    assertThat(FLOORS.keySet()).as("floors of docs/ARCHITECTURE.md").containsAll(features);
  }

  @Test
  void featuresDependOnLowerFloorsOnly() {
    classes().that().resideInAPackage("dev.firebreak.*..").should(dependOnLowerFloorsOnly()).check(main);
  }

  /**
   * The compiler inlines constants ({@code IncidentProcess.ID}), so the class files do not show every
   * import: the sources are read too.
   */
  @Test
  void featuresImportLowerFloorsOnly() throws IOException {
    List<String> breaks = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String feature = MAIN_SOURCES.relativize(file).getName(0).toString();
        if (!FLOORS.containsKey(feature)) {
          continue;
        }
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String imported = m.group(1);
          if (!mayImport(feature, imported)) {
            breaks.add(ROOT + MAIN_SOURCES.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "")
                + " imports " + ROOT + imported + "." + m.group(2) + ": " + why(feature, imported));
          }
        }
      }
    }
    assertThat(breaks).as("upward or sideways imports").isEmpty();
  }

  @Test
  void featurePackagesFormNoCycle() {
    slices().matching("dev.firebreak.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching("dev.firebreak.(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void controllersLeaveSqlToServices() {
    ArchRule rule = noClasses().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
        .should().dependOnClassesThat().areAssignableTo(JdbcTemplate.class)
        .orShould().dependOnClassesThat().areAssignableTo(JdbcClient.class)
        .orShould().dependOnClassesThat().areAssignableTo(NamedParameterJdbcTemplate.class)
        .because("a controller translates HTTP; the feature's service owns its tables");
    rule.check(main);
  }

  /**
   * Each delegate or listener bean a diagram names lives in the feature that owns the process (the
   * package of its contract class), or on a higher floor: a lower feature's process may name a
   * higher feature's step (a name, not an import), but a step never lives below the process it serves.
   * Every JavaDelegate is used by some diagram.
   */
  @Test
  void delegatesLiveWithTheProcessThatUsesThem() {
    Map<String, Set<String>> processesByBean = new TreeMap<>();
    for (Path file : BpmnModels.processFiles()) {
      String process = BpmnModels.processId(file);
      BpmnModels.expressions(file).stream().filter(BpmnModels.Expression::isDelegate)
          .flatMap(e -> e.beanNames().stream())
          .forEach(bean -> processesByBean.computeIfAbsent(bean, b -> new TreeSet<>()).add(process));
    }
    List<String> problems = new ArrayList<>();
    for (JavaClass delegate : main) {
      if (!isDelegate(delegate)) {
        continue;
      }
      String bean = beanName(delegate);
      String feature = feature(delegate).orElse("(none)");
      Set<String> processes = processesByBean.getOrDefault(bean, Set.of());
      if (processes.isEmpty() && delegate.isAssignableTo(JavaDelegate.class)) {
        problems.add(delegate.getName() + " (bean " + bean + ") is used by no diagram in processes/");
      }
      for (String process : processes) {
        String owner = owner(process);
        if (!feature.equals(owner) && floor(feature) <= floor(owner)) {
          problems.add(delegate.getName() + " (bean " + bean + ") is used by " + process + ".bpmn, owned by "
              + owner + ": it belongs in " + owner + " or in a feature above it, not in " + feature);
        }
      }
    }
    assertThat(problems).as("delegates outside the feature of their process").isEmpty();
  }

  private static ArchCondition<JavaClass> dependOnLowerFloorsOnly() {
    return new ArchCondition<>("depend only on features on lower floors") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        Optional<String> from = feature(item);
        if (from.isEmpty()) {
          return;
        }
        Set<String> reported = new TreeSet<>();
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          Optional<String> to = feature(target);
          if (to.isPresent() && !mayImport(from.get(), to.get()) && reported.add(target.getName())) {
            events.add(SimpleConditionEvent.violated(dependency, item.getName() + " imports " + target.getName()
                + ": " + why(from.get(), to.get()) + " (" + dependency.getSourceCodeLocation() + ")"));
          }
        }
      }
    };
  }

  static boolean mayImport(String feature, String imported) {
    return feature.equals(imported) || floor(imported) < floor(feature);
  }

  private static String why(String feature, String imported) {
    if (!FLOORS.containsKey(imported)) {
      return imported + " has no floor in docs/ARCHITECTURE.md";
    }
    return feature + " (floor " + floor(feature) + ") may import only lower floors, and " + imported
        + " is on floor " + floor(imported)
        + "; let " + (floor(imported) > floor(feature) ? feature : "the lower feature")
        + " own an interface or event that the higher one implements";
  }

  private static int floor(String feature) {
    Integer floor = FLOORS.get(feature);
    return floor == null ? Integer.MAX_VALUE : floor;
  }

  private static Optional<String> feature(JavaClass javaClass) {
    String pkg = javaClass.getPackageName();
    if (!pkg.startsWith(ROOT)) {
      return Optional.empty();
    }
    String rest = pkg.substring(ROOT.length());
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  /** The feature that owns a process: the package of its contract class (the one holding its element ids). */
  private static String owner(String process) {
    Class<?> elements = BpmnModels.ELEMENTS.get(process);
    assertThat(elements).as("contract of %s.bpmn in BpmnModels.ELEMENTS", process).isNotNull();
    String pkg = elements.getEnclosingClass().getPackageName().substring(ROOT.length());
    int dot = pkg.indexOf('.');
    return dot < 0 ? pkg : pkg.substring(0, dot);
  }

  private static boolean isDelegate(JavaClass javaClass) {
    return !javaClass.isInterface() && (javaClass.isAssignableTo(JavaDelegate.class)
        || javaClass.isAssignableTo(ExecutionListener.class) || javaClass.isAssignableTo(TaskListener.class))
        && javaClass.isAnnotatedWith(Component.class);
  }

  private static String beanName(JavaClass javaClass) {
    String value = javaClass.getAnnotationOfType(Component.class).value();
    return value.isEmpty() ? Introspector.decapitalize(javaClass.getSimpleName()) : value;
  }

  @SafeVarargs
  private static Map<String, Integer> floors(List<String>... floors) {
    Map<String, Integer> byFeature = new LinkedHashMap<>();
    for (int i = 0; i < floors.length; i++) {
      for (String feature : floors[i]) {
        byFeature.put(feature, i + 1);
      }
    }
    return byFeature;
  }
}
