package dev.net2net.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging for the command line. Commands print their results on stdout and one-line errors on
 * stderr, so libraries (DL4J, Vert.x, HikariCP) may only add warnings, on stderr. The daemon logs
 * its own work at INFO; the demo writes that log to a file so the console keeps its story. A
 * logback configuration given with {@code -Dlogback.configurationFile} overrides all of this.
 */
public final class Logging {
  private Logging() {}

  private static LoggerContext context() {
    if (System.getProperty("logback.configurationFile") != null
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return null;
    }
    return context;
  }

  /** Warnings only, to stderr: every command starts this way. */
  public static void quiet() {
    LoggerContext context = context();
    if (context == null) {
      return;
    }
    context.reset();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder(context, "%msg%n"));
    stderr.start();
    root(context).addAppender(stderr);
    root(context).setLevel(Level.WARN);
    // A pool failure reaches the user as our own one-line error; Hikari's ERROR line would repeat
    // it.
    context.getLogger("com.zaxxer.hikari").setLevel(Level.OFF);
    // Vert.x registers a few of its gauges twice; Micrometer warns and ignores the second,
    // harmlessly.
    context.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
  }

  /** The daemon's own INFO lines, with times, on stderr. */
  public static void service() {
    LoggerContext context = context();
    if (context == null) {
      return;
    }
    root(context).detachAndStopAllAppenders();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setTarget("System.err");
    stderr.setEncoder(
        encoder(
            context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n"));
    stderr.start();
    root(context).addAppender(stderr);
    context.getLogger("dev.net2net").setLevel(Level.INFO);
    context.getLogger("org.flywaydb").setLevel(Level.INFO);
  }

  /** The daemon's INFO lines to a file; only warnings stay on the console. */
  public static void serviceTo(Path file) {
    LoggerContext context = context();
    if (context == null) {
      return;
    }
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setFile(file.toString());
    appender.setEncoder(
        encoder(context, "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n"));
    appender.start();
    // INFO reaches the file; the console appenders keep only warnings.
    root(context)
        .iteratorForAppenders()
        .forEachRemaining(
            a -> {
              if (a instanceof ConsoleAppender<ILoggingEvent> c) {
                ch.qos.logback.classic.filter.ThresholdFilter warn =
                    new ch.qos.logback.classic.filter.ThresholdFilter();
                warn.setLevel("WARN");
                warn.start();
                c.addFilter(warn);
              }
            });
    root(context).addAppender(appender);
    context.getLogger("dev.net2net").setLevel(Level.INFO);
  }

  private static ch.qos.logback.classic.Logger root(LoggerContext context) {
    return context.getLogger(Logger.ROOT_LOGGER_NAME);
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }
}
