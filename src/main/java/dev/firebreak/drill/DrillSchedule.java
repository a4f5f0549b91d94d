package dev.firebreak.drill;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.process.ModelBean;
import org.springframework.stereotype.Component;

/** The quarterly drill timer's cron, read by drill.bpmn as {@code ${drillSchedule.cycle}}. */
@ModelBean
@Component("drillSchedule")
public class DrillSchedule {

  private final FirebreakProperties properties;

  DrillSchedule(FirebreakProperties properties) {
    this.properties = properties;
  }

  public String getCycle() {
    return properties.getDrill().getCron();
  }
}
