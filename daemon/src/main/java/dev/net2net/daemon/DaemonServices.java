package dev.net2net.daemon;

import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.daemon.events.EventSink;
import dev.net2net.daemon.metrics.DaemonMeters;
import dev.net2net.daemon.models.ManagedModel;
import dev.net2net.daemon.policy.PolicyEngine;
import dev.net2net.registry.Registry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the daemon's verticles share: the configuration, the registry, the models, the policy
 * engine, the meters and the event sink. Built once at start; the verticles never block on any of
 * it from an event loop.
 */
public record DaemonServices(
    DaemonConfig config,
    Registry registry,
    Map<String, ManagedModel> models,
    PolicyEngine engine,
    DaemonMeters meters,
    PrometheusMeterRegistry prometheus,
    EventSink events,
    String apiToken,
    AtomicBoolean stopping) {

  public DaemonServices {
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }

  public Optional<ManagedModel> model(String name) {
    return Optional.ofNullable(models.get(name));
  }
}
