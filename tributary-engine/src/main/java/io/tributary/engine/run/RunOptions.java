package io.tributary.engine.run;

import io.tributary.spi.ConnectorContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one run is started.
 *
 * @param trigger who started it: {@code cli}, {@code schedule}, {@code api}, {@code quickstart}
 * @param streams only these streams (empty: all selected by the pipeline)
 * @param fullRefresh ignore stored state and read everything again
 * @param window a backfill window, or {@code null}; state is neither used nor moved
 * @param connectorOptions options for the connector (see {@link ConnectorContext#options()})
 */
public record RunOptions(
    String trigger,
    List<String> streams,
    boolean fullRefresh,
    ConnectorContext.Window window,
    Map<String, String> connectorOptions) {

  public RunOptions {
    streams = streams == null ? List.of() : List.copyOf(streams);
    connectorOptions = connectorOptions == null ? Map.of() : Map.copyOf(connectorOptions);
  }

  public static RunOptions cli() {
    return new RunOptions("cli", List.of(), false, null, Map.of());
  }

  public RunOptions withTrigger(String t) {
    return new RunOptions(t, streams, fullRefresh, window, connectorOptions);
  }

  /** A description safe to store with the run (no secrets: only flags and stream names). */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!streams.isEmpty()) {
      m.put("streams", streams);
    }
    if (fullRefresh) {
      m.put("full_refresh", true);
    }
    if (window != null) {
      m.put("from", window.from() == null ? null : window.from().toString());
      m.put("to", window.to() == null ? null : window.to().toString());
    }
    if (connectorOptions.containsKey("record_dir")) {
      m.put("record", true);
    }
    if (connectorOptions.containsKey("replay_dir")) {
      m.put("replay", true);
    }
    return m;
  }
}
