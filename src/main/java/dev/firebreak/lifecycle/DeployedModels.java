package dev.firebreak.lifecycle;

import dev.firebreak.platform.process.EngineAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The model files in force: the resources of the deployments that hold the latest version of each
 * process and decision, later deployments winning, by file name ({@code incident.bpmn}).
 */
@Component
class DeployedModels {

  private final RepositoryService repository;

  DeployedModels(@Lazy RepositoryService repository) {
    this.repository = repository;
  }

  Map<String, byte[]> latest() {
    return EngineAccess.withoutAuthorization(this::read);
  }

  private Map<String, byte[]> read() {
    TreeSet<String> deploymentIds = new TreeSet<>();
    repository.createProcessDefinitionQuery().latestVersion().list().forEach(d -> deploymentIds.add(d.getDeploymentId()));
    repository.createDecisionDefinitionQuery().latestVersion().list().forEach(d -> deploymentIds.add(d.getDeploymentId()));
    List<Deployment> deployments = deploymentIds.stream()
        .flatMap(id -> Stream.ofNullable(repository.createDeploymentQuery().deploymentId(id).singleResult()))
        .sorted(Comparator.comparing(Deployment::getDeploymentTime, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Deployment deployment : deployments) {
      for (String name : repository.getDeploymentResourceNames(deployment.getId())) {
        if (ModelFiles.kind(name).isEmpty()) {
          continue;
        }
        try (InputStream in = repository.getResourceAsStream(deployment.getId(), name)) {
          files.put(ModelFiles.fileName(name), Objects.requireNonNull(in).readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return files;
  }
}
