package dev.firebreak.platform.process;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A node that restarts takes its own jobs back at once. The job executor locks jobs under this
 * node's name ({@code firebreak.node.name}, {@code FIREBREAK_NODE_NAME}; by default host name and
 * HTTP port, which a restarted container or process keeps), and before it starts acquiring, the
 * engine releases every lock held under that name: they were taken by this node before it died (a
 * {@code kill -9}, an out-of-memory exit), so nothing runs them any more, and without this they would
 * wait out the lock time. Two nodes must never share a name (the default differs by host or port).
 * With no stable name (port 0, as in tests), Camunda's random lock owner is kept and nothing is released.
 */
@Configuration(proxyBeanMethods = false)
class NodeJobLocks {

  private static final Logger log = LoggerFactory.getLogger(NodeJobLocks.class);

  static String nodeName(Environment environment) {
    String configured = environment.getProperty("firebreak.node.name", "").trim();
    if (!configured.isEmpty()) {
      return configured;
    }
    String port = environment.getProperty("server.port", "8080").trim();
    if ("0".equals(port) || port.startsWith("-")) {
      return null;
    }
    try {
      return InetAddress.getLocalHost().getHostName() + ":" + port;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Bean
  static BeanPostProcessor jobLockOwner(Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        String name = nodeName(environment);
        if (bean instanceof JobExecutor jobs && name != null) {
          jobs.setLockOwner(name);
        }
        return bean;
      }
    };
  }

  @Bean
  AbstractProcessEnginePlugin releaseThisNodesJobLocks(Environment environment) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void postProcessEngineBuild(ProcessEngine engine) {
        String name = nodeName(environment);
        if (name == null) {
          return;
        }
        var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            engine.getProcessEngineConfiguration();
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        try (Connection connection = configuration.getDataSource().getConnection();
            PreparedStatement release = connection.prepareStatement("UPDATE " + table
                + " SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1 WHERE LOCK_OWNER_ = ?")) {
          release.setString(1, name);
          int released = release.executeUpdate();
          if (!connection.getAutoCommit()) {
            connection.commit();
          }
          if (released > 0) {
            log.warn("Node {} released {} job locks it held before it stopped; they run again now", name, released);
          }
        } catch (SQLException e) {
          log.warn("Node {} could not release its old job locks; they run after the lock time ({})", name,
              e.toString());
        }
      }
    };
  }
}
