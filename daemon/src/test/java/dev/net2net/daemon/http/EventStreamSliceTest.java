package dev.net2net.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.event.Event;
import dev.net2net.registry.model.ModelName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * How the event stream hands a batch of the log to one client: every event after its cursor, once,
 * in order, of its model only, whatever the batches and cursors; never one skipped.
 */
class EventStreamSliceTest {
  private static final Pattern ID = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE);
  private static final List<ModelName> MODELS = List.of(new ModelName("a"), new ModelName("b"));

  /**
   * A log of events with increasing ids (gaps allowed: ids of rolled-back transactions never
   * appear).
   */
  @Provide
  Arbitrary<List<Event>> logs() {
    return Arbitraries.integers()
        .between(1, 3)
        .list()
        .ofMaxSize(60)
        .flatMap(
            gaps ->
                Arbitraries.of(0, 1, 2)
                    .list()
                    .ofSize(gaps.size())
                    .map(
                        owners -> {
                          List<Event> log = new ArrayList<>();
                          long id = 0;
                          for (int i = 0; i < gaps.size(); i++) {
                            id += gaps.get(i);
                            Optional<ModelName> model =
                                owners.get(i) == 2
                                    ? Optional.empty()
                                    : Optional.of(MODELS.get(owners.get(i)));
                            log.add(
                                new Event(
                                    id,
                                    Instant.EPOCH,
                                    "version.registered",
                                    model,
                                    Optional.empty(),
                                    JsonDocument.of(Map.of("n", i))));
                          }
                          return log;
                        }));
  }

  @Property
  void aClientReadingBatchAfterBatchGetsEveryEventOfItsModelOnceAndInOrder(
      @ForAll("logs") List<Event> log,
      @ForAll @IntRange(min = 1, max = 7) int batchSize,
      @ForAll @IntRange(min = 0, max = 2) int filter,
      @ForAll @IntRange(min = 0, max = 200) int start) {
    Optional<ModelName> model = filter == 2 ? Optional.empty() : Optional.of(MODELS.get(filter));
    long cursor = start;
    List<Long> received = new ArrayList<>();
    for (int round = 0; round < 200; round++) {
      long from = cursor;
      List<Event> batch = log.stream().filter(e -> e.id() > from).limit(batchSize).toList();
      EventStream.Slice slice = EventStream.slice(cursor, model, from, batch);
      received.addAll(ids(slice.text()));
      assertThat(slice.cursor()).isGreaterThanOrEqualTo(cursor);
      cursor = slice.cursor();
    }
    List<Long> expected =
        log.stream()
            .filter(e -> e.id() > start)
            .filter(e -> model.isEmpty() || model.equals(e.model()))
            .map(Event::id)
            .toList();
    assertThat(received).isEqualTo(expected);
  }

  @Property
  void aClientBehindTheBatchGetsNothingAndKeepsItsCursor(
      @ForAll("logs") List<Event> log, @ForAll @IntRange(min = 1, max = 50) int ahead) {
    long behind = 0;
    List<Event> batch = log.stream().filter(e -> e.id() > ahead).toList();
    EventStream.Slice slice = EventStream.slice(behind, Optional.empty(), ahead, batch);
    assertThat(slice.text()).isEmpty();
    assertThat(slice.cursor()).isEqualTo(behind);
  }

  private static List<Long> ids(String text) {
    List<Long> ids = new ArrayList<>();
    Matcher m = ID.matcher(text);
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }
}
