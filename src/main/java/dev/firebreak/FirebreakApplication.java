package dev.firebreak;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FirebreakApplication {

  public static void main(String[] args) {
    SpringApplication.run(FirebreakApplication.class, args);
  }
}
