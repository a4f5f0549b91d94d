package dev.firebreak.platform.process;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One class of the variable contract between the models and the code ({@code IncidentProcess},
 * {@code EscalationProcess}, …) made known to the platform: each feature registers its contract
 * classes as a bean of this type, so platform code (model checks, variable guards) sees every
 * variable name without importing the features.
 */
public class ProcessContract {

  private final Class<?> declaringClass;
  private final Set<String> variableNames;

  public ProcessContract(Class<?> declaringClass) {
    this.declaringClass = declaringClass;
    this.variableNames = Collections.unmodifiableSet(namesDeclaredIn(declaringClass));
  }

  public Class<?> declaringClass() {
    return declaringClass;
  }

  /** The names of the {@link ProcessVariable}s and {@link ChoiceVariable}s the class declares. */
  public Set<String> variableNames() {
    return variableNames;
  }

  /** Every variable name of the given contracts. */
  public static Set<String> allNames(List<ProcessContract> contracts) {
    Set<String> names = new TreeSet<>();
    contracts.forEach(contract -> names.addAll(contract.variableNames()));
    return names;
  }

  private static Set<String> namesDeclaredIn(Class<?> declaringClass) {
    Set<String> names = new TreeSet<>();
    for (Field field : declaringClass.getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      try {
        Object value = field.get(null);
        if (value instanceof ProcessVariable<?> variable) {
          names.add(variable.name());
        } else if (value instanceof ChoiceVariable<?> choice) {
          names.add(choice.name());
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Contract field " + field + " is not readable", e);
      }
    }
    return names;
  }
}
