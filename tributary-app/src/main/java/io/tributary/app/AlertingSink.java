package io.tributary.app;

import io.tributary.alerts.Alerting;
import io.tributary.alerts.PipelineAlerts;
import io.tributary.engine.config.PipelineConfig;
import io.tributary.engine.schedule.RunEventSink;
import io.tributary.engine.schedule.RunFinished;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Feeds finished runs to the alert engine with the rules of the pipeline that ran. Returns at once:
 * the alert engine queues its own work.
 */
public final class AlertingSink implements RunEventSink {
  private final Alerting alerting;
  private final Supplier<Map<String, PipelineConfig>> pipelines;

  public AlertingSink(Alerting alerting, Supplier<Map<String, PipelineConfig>> pipelines) {
    this.alerting = alerting;
    this.pipelines = pipelines;
  }

  @Override
  public void runFinished(RunFinished event) {
    PipelineConfig p = pipelines.get().get(event.run().pipeline());
    if (p == null) {
      alerting.onRunFinished(event.run());
    } else {
      alerting.onRunFinished(new PipelineAlerts(p.name(), p.alerts(), p.secrets()), event.run());
    }
  }
}
