package io.tributary.engine.schedule;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event and finished run for assertions. */
final class RecordingSink implements RunEventSink {
  final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
  final List<RunFinished> finished = new CopyOnWriteArrayList<>();

  @Override
  public void runFinished(RunFinished event) {
    finished.add(event);
  }

  @Override
  public void schedulerEvent(SchedulerEvent event) {
    events.add(event);
  }

  <T extends SchedulerEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
