package dev.firebreak.platform.process;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Timers without a class-path scan. Camunda resolves every timer's due date with a new
 * {@code DurationHelper}, which calls {@link DatatypeFactory#newInstance()}; unless the system
 * property {@value #PROPERTY} names the implementation, that walks every jar of the class path
 * (ServiceLoader) each time: about half of what creating an incident's timers cost (docs/BENCHMARKS.md,
 * "Incidents start fast", third round). The engine's start looks the implementation up once, as
 * the JDK would, and names it in the property; a property set already (by the operator) is kept.
 */
@Component
class TimerDatatypes extends AbstractProcessEnginePlugin {

  static final String PROPERTY = DatatypeFactory.DATATYPEFACTORY_PROPERTY;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    nameTheImplementation();
  }

  /** The implementation the JDK finds, named in {@value #PROPERTY} unless it names one already. */
  static String nameTheImplementation() {
    String named = System.getProperty(PROPERTY);
    if (named != null && !named.isBlank()) {
      return named;
    }
    try {
      String found = DatatypeFactory.newInstance().getClass().getName();
      System.setProperty(PROPERTY, found);
      return found;
    } catch (DatatypeConfigurationException | RuntimeException e) {
      // nothing found: left to the JDK, which then fails the timer as before
      return null;
    }
  }
}
