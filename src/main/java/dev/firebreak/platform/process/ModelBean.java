package dev.firebreak.platform.process;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring bean that deployed diagrams may name in an expression although it is not a
 * delegate or listener ({@code ${statusUpdates.pending(execution)}}). Expressions resolve only
 * Firebreak's own {@code JavaDelegate}, {@code ExecutionListener} and {@code TaskListener} beans and
 * the beans carrying this annotation ({@link ModelSandbox}); putting it on a class is a code change,
 * so a process owner cannot widen what a model reaches.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ModelBean {
}
