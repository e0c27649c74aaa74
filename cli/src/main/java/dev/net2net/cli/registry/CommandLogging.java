package dev.net2net.cli.registry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps library logging out of command output. Without a logback configuration, logback logs
 * everything at DEBUG to stdout, which would bury a listing and break the one-line error rule. If
 * (and only if) no configuration was supplied, registry commands log to stderr: warnings only, or
 * progress lines (INFO) for long work such as migrations. A logback.xml shipped by the application,
 * or a configuration named with -Dlogback.configurationFile, takes precedence.
 */
final class CommandLogging {
  private CommandLogging() {}

  static void configure(boolean showProgress) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    // A logback-test.xml (which test jars of other modules bring along) does not count: the command
    // line's output rules must hold in tests exactly as in the shipped jar.
    if (System.getProperty("logback.configurationFile") != null
        || Thread.currentThread().getContextClassLoader().getResource("logback.xml") != null) {
      return;
    }
    context.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(stderr);
    root.setLevel(Level.WARN);
    // Pool failures reach the user as our own one-line error; Hikari's ERROR line would repeat it.
    context.getLogger("com.zaxxer.hikari").setLevel(Level.OFF);
    if (showProgress) {
      context.getLogger("dev.net2net").setLevel(Level.INFO);
      context.getLogger("org.flywaydb").setLevel(Level.INFO);
    }
  }
}
