package dev.firebreak.recovery;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.config.ServiceCatalog;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Chooses the deploy tool of a service from its catalog entry: Argo CD, GitHub Actions, or the recording adapter. */
@Component
public class DeployTools {

  private final ServiceCatalog catalog;
  private final Map<String, DeployTool> tools;

  DeployTools(ServiceCatalog catalog, List<DeployTool> tools) {
    this.catalog = catalog;
    this.tools = tools.stream().collect(Collectors.toMap(DeployTool::name, Function.identity()));
  }

  public FirebreakProperties.Deploy target(String service) {
    return catalog.deployTarget(service);
  }

  public DeployTool of(String toolName) {
    DeployTool tool = tools.get(toolName);
    if (tool == null) {
      throw new IllegalStateException("No deploy tool adapter named " + toolName);
    }
    return tool;
  }

  public DeployTool forService(String service) {
    return of(target(service).tool());
  }
}
