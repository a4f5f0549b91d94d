package dev.firebreak.intake;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Outside binaries the end-to-end tests run. Missing ones skip the test locally and fail it in CI
 * (CI=true), naming the Debian package to install.
 */
final class Binaries {

  private Binaries() {
  }

  static String require(String path, String debianPackage) {
    if (new File(path).canExecute()) {
      return path;
    }
    String message = path + " is missing: install the Debian package '" + debianPackage + "' (.ci/run does)";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
    return null;
  }

  /** Runs a command to completion and returns exit code and output. */
  static Result run(List<String> command, File directory) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(directory).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Timed out: " + command);
    }
    return new Result(process.exitValue(), output);
  }

  record Result(int exitCode, String output) {
  }
}
