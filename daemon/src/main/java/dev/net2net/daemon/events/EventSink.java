package dev.net2net.daemon.events;

/** Where blocking code reports what it did; the daemon publishes these on the Vert.x event bus. */
@FunctionalInterface
public interface EventSink {
  void publish(DaemonEvent event);

  static EventSink discard() {
    return event -> {};
  }
}
